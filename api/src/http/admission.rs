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
//! Work for a client that has gone is not done: poem drops a request's
//! future when its connection closes, wherever it is, waiting for a place or
//! running. Every admitted request has a deadline, and its body must arrive
//! within a time of its own (a body trickled in a byte at a time would
//! otherwise hold a place). A request abandoned at its deadline rolls back
//! what it had not yet committed; one that had committed stands, as when
//! an answer is lost on the way (the flows that matter answer a repeat of
//! the same key as the first time).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use poem::http::Method;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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

#[derive(Debug)]
pub struct Admission {
    limits: Limits,
    api: Arc<Semaphore>,
    intake: Arc<Semaphore>,
    always: Arc<Semaphore>,
    app: Arc<Semaphore>,
    waiting: AtomicUsize,
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
        }
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
