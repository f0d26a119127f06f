//! Hand-written sea-orm entities, one per table. No rules here.

pub mod audit_log;
pub mod consent_document;
pub mod entry_point;
pub mod facility;
pub mod mail_outbox;
pub mod network;
pub mod network_facility;
