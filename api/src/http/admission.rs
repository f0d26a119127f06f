//! Admission control: a bound on the requests being worked on at once, and
//! on how many may wait for a place and for how long. Beyond it a request is
//! refused at once with 503 `busy` and `Retry-After`, before anything is done
//! with it, so that a surge costs each refused phone one short answer instead
//! of a queue with no end that answers nobody in time. Since a refused
//! request did nothing, it can be sent again as it was (the web app does so
//! by itself).
//!
//! Health (`GET /api/health`), signing out (a person leaving a shared
//! phone) and the spec have places of their own, so that no load of the API
//! starves them; so do the web app's files (static, small, and needed to
//! reach anything at all), and the facilities' intake, fewer (its bodies are
//! large), so that a batch of uploads cannot crowd out residents, nor
//! residents the uploads.
//!
//! A request's body is read before it takes a place, holding none: a body
//! trickled in a byte at a time would otherwise hold a place for as long as
//! its time allows, and review locked the whole API, health included, with
//! 64 connections that promised a body and never sent it. Bodies being read
//! have bounds of their own instead: the bytes that have come may take so
//! much memory at once (a body that has not come takes none), and a few are
//! read at once from any one client address; intake's bodies are read only
//! once the facility's key is known (`middleware`). A request refused for a place after its
//! body was read has sent that body for nothing; these are small (a form),
//! and the web app sends it again as it was.
//!
//! Work for a client that has hung up is not done: a client that hangs up
//! while its body is read frees what it held at once; one that hangs up
//! while its request waits for a place or is worked on has its request
//! stopped (`connections::client_gone`: the HTTP server reads the end of the
//! connection but would go on with the request until it was done). Every
//! admitted request has a deadline, and every body a
//! time of its own to arrive in. A request abandoned at its deadline rolls back
//! what it had not yet committed; one that had committed stands, as when
//! an answer is lost on the way (the flows that matter answer a repeat of
//! the same key as the first time).

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use poem::http::Method;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::per_client::{PerClient, Share};

/// The bounds (`RENKEI_MAX_IN_FLIGHT` sets `in_flight`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// API requests worked on at once.
    pub in_flight: usize,
    /// Intake requests (`/api/fhir`, `/api/jahis`) worked on at once.
    pub intake_in_flight: usize,
    /// Health, sign-out and the spec, at once (of their own).
    pub always_in_flight: usize,
    /// The web app's files, at once.
    pub app_in_flight: usize,
    /// Requests that may wait for a place (of every kind together).
    pub queue: usize,
    /// How long one may wait for a place before it is refused.
    pub wait: Duration,
    /// How long an admitted API request may take before it is abandoned
    /// (the web app gives up waiting after 20 s: work after that helps nobody).
    pub deadline: Duration,
    /// The same for intake, whose Bundles may be large.
    pub intake_deadline: Duration,
    /// How long a request's body may take to arrive.
    pub body_time: Duration,
    /// The same for intake.
    pub intake_body_time: Duration,
}

impl Limits {
    pub fn new(in_flight: usize) -> Self {
        Limits {
            in_flight,
            intake_in_flight: (in_flight / 8).max(2),
            always_in_flight: in_flight,
            app_in_flight: in_flight * 2,
            queue: in_flight * 4,
            wait: Duration::from_millis(500),
            deadline: Duration::from_secs(20),
            intake_deadline: Duration::from_secs(60),
            body_time: Duration::from_secs(10),
            intake_body_time: Duration::from_secs(30),
        }
    }
}

/// What a request is, for admission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Health, sign-out, the spec.
    Always,
    /// The web app's files.
    App,
    Api,
    Intake,
}

pub fn class(method: &Method, path: &str) -> Class {
    let read = matches!(*method, Method::GET | Method::HEAD);
    let Some(api_path) = path.strip_prefix("/api/") else {
        return if read { Class::App } else { Class::Api };
    };
    match api_path {
        "health" | "openapi.json" | "docs" if read => Class::Always,
        "sign-out" | "staff/sign-out" if *method == Method::POST => Class::Always,
        "fhir" | "jahis" => Class::Intake,
        _ => Class::Api,
    }
}

/// A refusal: answer 503 `busy` with this `Retry-After`, in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy {
    pub retry_after: u64,
}

/// A place: held while the request is worked on.
pub struct Place {
    _permit: OwnedSemaphorePermit,
}

/// The KiB that bodies being read may take at once: API bodies, and intake's
/// (its Bundles are larger) apart.
pub const BODY_BUDGET_KIB: u32 = 32 * 1024;

/// Bodies read at once from one client address. A phone sends one at a
/// time; review filled the body budget from 64 addresses at 8 each.
pub const BODIES_PER_CLIENT: usize = 4;

/// Leave to read a request's body, held while it is read: the body's share
/// of the byte budget grows with the bytes that have come ([`Reading::grow`]),
/// not with what the request declares: review held the whole budget, and so
/// every registration and every facility upload, with 4 connections that
/// declared 8 MiB and sent nothing.
pub struct Reading {
    budget: Arc<Semaphore>,
    held: Option<OwnedSemaphorePermit>,
    _client: Option<Share>,
}

impl Reading {
    /// Takes the budget for a body of `bytes` so far; refused when it is spent.
    pub fn grow(&mut self, bytes: usize) -> Result<(), Busy> {
        let want = u32::try_from(bytes.div_ceil(1024)).unwrap_or(u32::MAX);
        let held = self.held.as_ref().map_or(0, |p| u32::try_from(p.num_permits()).unwrap_or(u32::MAX));
        if want <= held {
            return Ok(());
        }
        let more = Arc::clone(&self.budget).try_acquire_many_owned(want - held).map_err(|_| Busy { retry_after: 5 })?;
        match &mut self.held {
            Some(p) => p.merge(more),
            None => self.held = Some(more),
        }
        Ok(())
    }
}

#[derive(Debug)]
pub struct Admission {
    limits: Limits,
    api: Arc<Semaphore>,
    intake: Arc<Semaphore>,
    always: Arc<Semaphore>,
    app: Arc<Semaphore>,
    waiting: AtomicUsize,
    bodies: Arc<Semaphore>,
    intake_bodies: Arc<Semaphore>,
    client_bodies: PerClient,
}

impl Admission {
    pub fn new(limits: Limits) -> Self {
        Admission {
            limits,
            api: Arc::new(Semaphore::new(limits.in_flight)),
            intake: Arc::new(Semaphore::new(limits.intake_in_flight)),
            always: Arc::new(Semaphore::new(limits.always_in_flight)),
            app: Arc::new(Semaphore::new(limits.app_in_flight)),
            waiting: AtomicUsize::new(0),
            bodies: Arc::new(Semaphore::new(BODY_BUDGET_KIB as usize)),
            intake_bodies: Arc::new(Semaphore::new(BODY_BUDGET_KIB as usize)),
            client_bodies: PerClient::default(),
        }
    }

    /// Leave to read the body of a request of `class` from `client`: at
    /// once, or refused when the client reads [`BODIES_PER_CLIENT`] already.
    pub fn reading(&self, class: Class, client: Option<IpAddr>) -> Result<Reading, Busy> {
        let client = match client {
            Some(ip) => Some(self.client_bodies.take(ip, BODIES_PER_CLIENT).ok_or(Busy { retry_after: 5 })?),
            None => None,
        };
        let budget = if class == Class::Intake { &self.intake_bodies } else { &self.bodies };
        Ok(Reading { budget: Arc::clone(budget), held: None, _client: client })
    }

    /// How long an admitted request of `class` may take.
    pub fn deadline(&self, class: Class) -> Duration {
        match class {
            Class::Intake => self.limits.intake_deadline,
            _ => self.limits.deadline,
        }
    }

    /// How long the body of a request of `class` may take to arrive.
    pub fn body_time(&self, class: Class) -> Duration {
        match class {
            Class::Intake => self.limits.intake_body_time,
            _ => self.limits.body_time,
        }
    }

    /// A place for a request of `class`: at once if one is free; else after
    /// waiting (at most `wait`, and only while fewer than `queue` wait);
    /// else refused.
    pub async fn admit(&self, class: Class) -> Result<Place, Busy> {
        let semaphore = match class {
            Class::Always => &self.always,
            Class::App => &self.app,
            Class::Api => &self.api,
            Class::Intake => &self.intake,
        };
        if let Ok(p) = Arc::clone(semaphore).try_acquire_owned() {
            return Ok(Place { _permit: p });
        }
        let waiting = self.waiting.fetch_add(1, Ordering::AcqRel);
        // Leaves the count however this ends (a refusal, a place, or a client
        // that went away while waiting, which drops this future).
        let _waiting = Waiting(&self.waiting);
        if waiting >= self.limits.queue {
            return Err(self.busy(waiting));
        }
        match tokio::time::timeout(self.limits.wait, Arc::clone(semaphore).acquire_owned()).await {
            Ok(Ok(p)) => Ok(Place { _permit: p }),
            _ => Err(self.busy(waiting)),
        }
    }

    /// Retry-After: 1 s with few waiting, up to 5 s with the queue full, so
    /// that the phones told to come back spread out.
    fn busy(&self, waiting: usize) -> Busy {
        let fill = waiting.min(self.limits.queue) * 4 / self.limits.queue.max(1);
        Busy { retry_after: 1 + fill as u64 }
    }
}

struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_has_places_of_its_own() {
        assert_eq!(class(&Method::GET, "/api/health"), Class::Always);
        assert_eq!(class(&Method::HEAD, "/api/health"), Class::Always);
        assert_eq!(class(&Method::POST, "/api/health"), Class::Api);
        assert_eq!(class(&Method::GET, "/api/health/"), Class::Api);
        assert_eq!(class(&Method::POST, "/api/sign-out"), Class::Always);
        assert_eq!(class(&Method::POST, "/api/staff/sign-out"), Class::Always);
        assert_eq!(class(&Method::GET, "/"), Class::App);
        assert_eq!(class(&Method::GET, "/assets/app-1a2b.js"), Class::App);
        assert_eq!(class(&Method::POST, "/x"), Class::Api);
        assert_eq!(class(&Method::GET, "/api/me/summary"), Class::Api);
        assert_eq!(class(&Method::GET, "/api/sign-out"), Class::Api);
        assert_eq!(class(&Method::POST, "/api/registrations"), Class::Api);
        assert_eq!(class(&Method::POST, "/api/fhir"), Class::Intake);
        assert_eq!(class(&Method::POST, "/api/jahis"), Class::Intake);
    }

    #[tokio::test]
    async fn a_full_server_refuses_at_once_beyond_its_queue() {
        let limits = Limits { in_flight: 2, queue: 1, wait: Duration::from_secs(30), ..Limits::new(2) };
        let a = Admission::new(limits);
        let p1 = a.admit(Class::Api).await.unwrap();
        let _p2 = a.admit(Class::Api).await.unwrap();
        // Health and intake have places of their own.
        assert!(a.admit(Class::Always).await.is_ok());
        let _i = a.admit(Class::Intake).await.unwrap();
        // One may wait; it gets the place freed.
        let waiter = a.admit(Class::Api);
        let third = async {
            tokio::task::yield_now().await;
            // The queue (of one) is taken: refused without waiting.
            let refused = a.admit(Class::Api).await.err().unwrap();
            drop(p1);
            refused
        };
        let (waited, refused) = tokio::join!(waiter, third);
        assert!(waited.is_ok());
        assert!((1..=5).contains(&refused.retry_after));
        assert_eq!(a.waiting.load(Ordering::Acquire), 0);
    }

    #[test]
    fn bodies_being_read_are_bounded_by_bytes_come_and_by_client() {
        let a = Admission::new(Limits::new(4));
        let one: IpAddr = "192.0.2.1".parse().unwrap();
        let two: IpAddr = "192.0.2.2".parse().unwrap();
        let mib = 1024 * 1024;
        // One client reads a few at once, not more; another is not held up.
        let mine: Vec<_> = (0..BODIES_PER_CLIENT).map(|_| a.reading(Class::Api, Some(one)).ok().unwrap()).collect();
        assert!(a.reading(Class::Api, Some(one)).is_err());
        assert!(a.reading(Class::Api, Some(two)).is_ok());
        drop(mine);
        assert!(a.reading(Class::Api, Some(one)).is_ok(), "given back");
        // Bodies that have not come hold nothing, however many.
        let waiting: Vec<_> =
            (0..200u8).map(|i| a.reading(Class::Api, Some(IpAddr::from([10, 0, 1, i]))).ok().unwrap()).collect();
        assert_eq!(a.bodies.available_permits(), BODY_BUDGET_KIB as usize);
        // The bytes that have come are bounded.
        let mut held: Vec<_> =
            (0..32u8).map(|i| a.reading(Class::Api, Some(IpAddr::from([10, 0, 0, i]))).ok().unwrap()).collect();
        for (i, r) in held.iter_mut().enumerate() {
            r.grow(mib / 2).unwrap();
            r.grow(mib).unwrap_or_else(|_| panic!("body {i}"));
            r.grow(mib).unwrap();
        }
        let mut late = a.reading(Class::Api, Some(two)).ok().unwrap();
        assert!(late.grow(10).is_err(), "the budget is spent");
        let mut intake = a.reading(Class::Intake, Some(two)).ok().unwrap();
        assert!(intake.grow(10).is_ok(), "intake's is apart");
        drop((held, waiting));
        assert!(late.grow(mib).is_ok(), "given back");
        drop((late, intake));
        assert_eq!(a.bodies.available_permits(), BODY_BUDGET_KIB as usize);
        assert_eq!(a.client_bodies.addresses(), 0, "nothing is kept of clients no longer reading");
    }

    #[tokio::test]
    async fn a_wait_is_bounded() {
        let a = Admission::new(Limits { in_flight: 1, queue: 8, wait: Duration::from_millis(100), ..Limits::new(1) });
        let _p = a.admit(Class::Api).await.unwrap();
        let started = std::time::Instant::now();
        assert!(a.admit(Class::Api).await.is_err());
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(100) && waited < Duration::from_secs(5), "{waited:?}");
        assert_eq!(a.waiting.load(Ordering::Acquire), 0, "a refused waiter leaves the queue");
    }
}
