//! How many of something each client address holds at once (connections,
//! bodies being read), with a bound: a share is taken, and given back when
//! it is dropped. Nothing is kept of an address that holds none.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default, Clone)]
pub struct PerClient {
    held: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

/// One of an address's shares; given back when dropped.
#[derive(Debug)]
pub struct Share {
    ip: IpAddr,
    held: Arc<Mutex<HashMap<IpAddr, usize>>>,
}

impl PerClient {
    /// A share for `ip`, or None when it holds `max` already.
    pub fn take(&self, ip: IpAddr, max: usize) -> Option<Share> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let n = held.entry(ip).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Share { ip, held: Arc::clone(&self.held) })
    }

    /// Addresses holding any share.
    pub fn addresses(&self) -> usize {
        self.held.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = held.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                held.remove(&self.ip);
            }
        }
    }
}
