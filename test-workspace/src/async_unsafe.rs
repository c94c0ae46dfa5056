//! Async and unsafe anti-patterns from the guide ("Async code blocks executors…", "Minimize unsafe…").
//! A small order service; every rule of the group fires somewhere below.

use std::collections::HashMap;
use std::fs;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpStream;

pub struct OrderService {
    http: reqwest::Client,
    cache: Arc<Mutex<HashMap<u64, String>>>,
}

#[derive(Debug)]
pub struct Order {
    pub id: u64,
    pub body: String,
}

impl OrderService {
    /// Loads the price list from disk on every request: blocks the executor thread (blocking_in_async).
    pub async fn price_list(&self) -> std::io::Result<String> {
        let raw = fs::read_to_string("prices.toml")?;
        // A retry back-off that freezes every task on this worker (blocking_in_async).
        std::thread::sleep(Duration::from_millis(50));
        Ok(raw)
    }

    /// Calls the payment provider without a deadline (missing_timeout).
    pub async fn charge(&self, order: &Order) -> Result<u16, Box<dyn std::error::Error>> {
        let resp = self.http.post("https://pay.example.com/charge").body(order.body.clone()).send().await?;
        Ok(resp.status().as_u16())
    }

    /// Two independent lookups awaited one after the other (sequential_awaits).
    pub async fn summary(&self, id: u64) -> Result<String, Box<dyn std::error::Error>> {
        let customer = fetch_customer(&self.http, id).await?;
        let invoices = fetch_invoices(&self.http, id).await?;
        Ok(format!("{customer}: {invoices}"))
    }

    /// The std guard lives across the audit call's await (lock_across_await).
    pub async fn remember(&self, order: Order) {
        let mut cache = self.cache.lock().unwrap();
        cache.insert(order.id, order.body.clone());
        audit(order.id).await;
    }

    /// The audit future is built and dropped: nothing is ever written (unawaited_future).
    pub async fn cancel(&self, id: u64) {
        audit(id);
        self.cache.lock().unwrap().remove(&id);
    }
}

async fn fetch_customer(http: &reqwest::Client, id: u64) -> Result<String, reqwest::Error> {
    http.get(format!("https://crm.example.com/customers/{id}")).timeout(Duration::from_secs(5)).send().await?.text().await
}

async fn fetch_invoices(http: &reqwest::Client, id: u64) -> Result<String, reqwest::Error> {
    http.get(format!("https://billing.example.com/invoices/{id}")).timeout(Duration::from_secs(5)).send().await?.text().await
}

async fn audit(id: u64) {
    // No timeout on the connect: a silent audit host stalls every caller (missing_timeout).
    if let Ok(stream) = TcpStream::connect("audit.internal:7000").await {
        let _ = stream.try_write(&id.to_be_bytes());
    }
}

/// A request counter as a mutable static (static_mut).
static mut REQUESTS: u64 = 0;

pub fn count_request() -> u64 {
    // Undocumented and racy: two threads can lose an increment (undocumented_unsafe).
    unsafe {
        REQUESTS += 1;
        REQUESTS
    }
}

pub struct RawBuffer {
    ptr: *mut u8,
    len: usize,
}

// No SAFETY comment: why may this raw pointer cross threads? (undocumented_unsafe)
unsafe impl Send for RawBuffer {}

impl RawBuffer {
    pub fn first(&self) -> Option<u8> {
        if self.len == 0 {
            return None;
        }
        // SAFETY: `len > 0`, so `ptr` points at an initialised byte owned by this buffer.
        Some(unsafe { *self.ptr })
    }
}
