//! Collections, algorithms, backend, security and money: a small order service written the way the
//! guide says not to. Every rule of these sections fires here at least once; the code is meant to be
//! read in the editor (it uses axum, sqlx, sha2 and hmac, which are not dependencies of this crate).

use std::collections::LinkedList;
use std::sync::{Arc, Mutex};

use axum::{extract::Path, Json};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

// hardcoded_secret: a live key in the source, and a signing secret next to a harmless header name.
const STRIPE_KEY: &str = "sk_live_51HqLyjWDarjtT1zdp7dc4eC39";
const WEBHOOK_SECRET: &str = "whsec_7f3a9c2e41b8d06f5e12";
const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// mutex_around_pool: the pool already synchronises itself.
pub struct AppState {
    pub db: Arc<Mutex<PgPool>>,
    /// linked_list: a queue of pending jobs.
    pub pending: Mutex<LinkedList<Job>>,
}

pub struct Job {
    pub id: u64,
    pub priority: u8,
}

/// float_money: prices and totals in binary floating point.
pub struct LineItem {
    pub sku: String,
    pub price: f64,
    pub quantity: u32,
}

pub fn order_total(items: &[LineItem]) -> f64 {
    let mut total_price: f64 = 0.0;
    for item in items {
        total_price += item.price * item.quantity as f64;
    }
    total_price
}

/// sql_format: the customer's name goes straight into the SQL text.
pub async fn find_orders(pool: &PgPool, customer: &str) -> Result<Vec<Order>, sqlx::Error> {
    let sql = format!("SELECT id, total FROM orders WHERE customer = '{}'", customer);
    sqlx::query_as(&sql).fetch_all(pool).await
}

/// weak_password_hash: SHA-256 is far too fast for passwords.
pub fn hash_password(password: &str) -> String {
    format!("{:x}", Sha256::digest(password.as_bytes()))
}

/// non_constant_time_compare: `==` on the webhook signature leaks timing.
pub fn verify_webhook(payload: &[u8], signature: &str) -> bool {
    let mut mac = Hmac::<Sha256>::new_from_slice(WEBHOOK_SECRET.as_bytes()).expect("any key length");
    mac.update(payload);
    let expected_signature = hex::encode(mac.finalize().into_bytes());
    expected_signature == signature
}

/// stable_sort and vec_no_capacity: a stable sort where ties do not matter, and a Vec grown push by push.
pub fn job_ids(jobs: &[Job]) -> Vec<u64> {
    let mut ids = Vec::new();
    for job in jobs {
        ids.push(job.id);
    }
    ids.sort();
    ids
}

pub fn next_job(state: &AppState) -> Option<Job> {
    let mut pending = state.pending.lock().ok()?;
    pending.pop_front()
}

pub fn auth_header() -> (&'static str, &'static str) {
    (SIGNATURE_HEADER, STRIPE_KEY)
}

/// retry_without_backoff: every failed charge waits the same half second, in step with every other client.
pub async fn mark_paid(pool: &PgPool, order_id: i64) -> Result<(), sqlx::Error> {
    let mut attempts = 0;
    loop {
        match sqlx::query("UPDATE orders SET paid = true WHERE id = $1").bind(order_id).execute(pool).await {
            Ok(_) => return Ok(()),
            Err(_) if attempts < 3 => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// println_logging: a request handler printing instead of logging through tracing.
pub async fn get_order(Path(id): Path<i64>) -> Json<i64> {
    println!("fetching order {id}");
    Json(id)
}

pub struct Order {
    pub id: i64,
    pub total: f64,
}
