//! renkei: the resident side of a regional medical and care
//! information-sharing network (地域医療介護連携ネットワーク).
//!
//! Layers, inside out: `domain` (rules and value types, no I/O), `store`
//! (tables and repository functions), `service` (use cases: one transaction
//! each, actor explicit, authorisation asked of `domain::access`), `http`
//! (the OpenAPI service, the web app, middleware). `errors` holds the stable
//! error codes and their words, for the API and the command line alike.
//! `app` wires them.

pub mod app;
pub mod cli;
pub mod clock;
pub mod config;
pub mod context;
pub mod domain;
pub mod errors;
pub mod http;
pub mod mail;
pub mod passkey;
pub mod qr;
pub mod service;
pub mod state;
pub mod store;
pub mod telemetry;
