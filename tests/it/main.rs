//! The integration tests of renkei: one binary, modules by area. Every test
//! that touches storage runs on SQLite and, when RENKEI_TEST_PG_URL is set,
//! on PostgreSQL, always through the migrations.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod access;
mod admin;
mod api;
mod audit_chain;
mod consent_documents;
mod consents;
mod entry_points;
mod insurance;
mod intake;
mod looking;
mod mail;
mod merge;
mod openapi;
mod process;
mod proxies;
mod pwa;
mod reception;
mod registration;
mod sign_in;
mod storage;
