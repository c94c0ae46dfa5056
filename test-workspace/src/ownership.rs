//! Ownership, error types and idioms: a small user directory with an audit log. Every ownership,
//! error and idiom rule fires somewhere below; hover a squiggle for the why, and try the lightbulb.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::ops::Deref;
use std::rc::Rc;

#[derive(Clone, Debug, Default)]
pub struct User {
    pub name: String,
    pub email: String,
}

/// Where users are looked up. (trait_i_prefix: `I` + capitalised word is a C# convention.)
pub trait IUserRepository {
    fn find(&self, name: &str) -> Option<User>;
}

#[derive(Default)]
pub struct AuditLog {
    pending: Vec<String>,
    errors: Vec<String>,
    last_flush: Option<String>,
}

impl AuditLog {
    pub fn record(&mut self, line: &str) {
        self.pending.push(line.to_string());
    }

    /// Hands the pending lines to the sink and starts over.
    pub fn flush(&mut self, sink: &mut Vec<Vec<String>>) {
        // clone_then_reset: the clone copies every line only for the original to be emptied.
        let batch = self.pending.clone();
        self.pending = Vec::new();
        self.last_flush = batch.last().cloned();
        sink.push(batch);
    }

    pub fn drain_errors(&mut self) -> Vec<String> {
        // mem_replace_with_default: `std::mem::take` says the same.
        std::mem::replace(&mut self.errors, Vec::new())
    }
}

pub fn register(users: &mut HashMap<String, User>, name: String, email: String) {
    let user = User { name: name.clone(), email };
    // redundant_clone: `name` is never used again; move it.
    users.insert(name.clone(), user);
}

pub fn retry_delays() -> Vec<u64> {
    let base_ms: u64 = 100;
    // clone_on_copy: `u64` is Copy.
    (0..5).map(|i| base_ms.clone() << i).collect()
}

/// A tree of org units that can walk up to its parent.
pub struct OrgUnit {
    pub name: String,
    // rc_cycle_risk: the parent owns its children, and each child owns its parent: neither is freed.
    pub parent: Option<Rc<RefCell<OrgUnit>>>,
    // rc_refcell: shared mutable ownership everywhere.
    pub children: Vec<Rc<RefCell<OrgUnit>>>,
}

pub struct Employee {
    pub user: User,
    pub salary_cents: u64,
}

pub struct Manager {
    base: Employee,
    pub reports: Vec<Employee>,
}

// deref_inheritance: Manager "inherits" Employee's methods through Deref.
impl Deref for Manager {
    type Target = Employee;

    fn deref(&self) -> &Employee {
        &self.base
    }
}

/// unit_error_type: `()` says nothing about why the port is invalid.
pub fn parse_port(raw: &str) -> Result<u16, ()> {
    raw.trim().parse().map_err(|_| ())
}

pub struct Account {
    balance_cents: u64,
}

impl Account {
    /// Takes money out of the account.
    ///
    /// # Errors
    ///
    /// When the balance is too low. (string_error_type: callers must parse the message.)
    pub fn withdraw(&mut self, amount_cents: u64) -> Result<u64, String> {
        if amount_cents > self.balance_cents {
            return Err(format!("insufficient funds: {} < {}", self.balance_cents, amount_cents));
        }
        self.balance_cents -= amount_cents;
        Ok(self.balance_cents)
    }
}

/// Loads `name:email` lines into a directory. (missing_errors_doc: nothing says what can go wrong.)
pub fn load_users(path: &str) -> io::Result<HashMap<String, User>> {
    // unwrap_in_production, with a quick fix to `?`: the fn already returns io::Result.
    let text = fs::read_to_string(path).unwrap();
    let mut users = HashMap::new();
    for line in text.lines() {
        if let Some((name, email)) = line.split_once(':') {
            register(&mut users, name.to_string(), email.to_string());
        }
    }
    Ok(users)
}
