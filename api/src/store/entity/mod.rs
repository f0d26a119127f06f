//! Hand-written sea-orm entities, one per table. No rules here.

pub mod allergy;
pub mod audit_log;
pub mod consent;
pub mod consent_document;
pub mod consent_renewal;
pub mod correction_request;
pub mod email_code;
pub mod emergency_contact;
pub mod entry_point;
pub mod facility;
pub mod facility_key;
pub mod facility_visit;
pub mod identity_review;
pub mod mail_outbox;
pub mod medication;
pub mod network;
pub mod network_facility;
pub mod passkey;
pub mod rate_counter;
pub mod registration;
pub mod resident;
pub mod resident_insurance;
pub mod session;
pub mod webauthn_ceremony;
