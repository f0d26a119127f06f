//! How many of something each client address holds at once (connections,
//! bodies being read), with a bound: a share is taken, and given back when
//! it is dropped. Nothing is kept of an address that holds none. An IPv6
//! client is its /64, the block one subscriber is given (RFC 6177): by
//! its whole address, one subscriber would be 2^64 clients.

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
        let ip = client_of(ip);
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

/// The client an address stands for: an IPv4 address (also one written as
/// IPv6, `::ffff:a.b.c.d`), or an IPv6 address's /64.
pub fn client_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_subscriber_is_one_client() {
        let p = PerClient::default();
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff:1:2:3".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        let first = p.take(a, 1).unwrap();
        assert!(p.take(b, 1).is_none(), "the same /64");
        assert!(p.take(other, 1).is_some(), "another /64");
        drop(first);
        assert!(p.take(b, 1).is_some(), "given back");
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        let _held = p.take(v4, 1).unwrap();
        assert!(p.take(mapped, 1).is_none(), "an IPv4 address written as IPv6 is the same client");
        assert_eq!(client_of(v4), v4);
    }
}
