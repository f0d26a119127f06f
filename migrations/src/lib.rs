//! The schema of renkei, one migration per file, applied in order by
//! `renkei migrate` and at every start. Rules for writing them (they must run
//! on SQLite and PostgreSQL alike):
//! - declare foreign keys inside CREATE TABLE (SQLite cannot add them later);
//! - one change per ALTER TABLE statement;
//! - enums are stored as text, timestamps in UTC;
//! - every migration has a `down` that undoes it exactly.

pub use sea_orm_migration::prelude::*;

mod helpers;
mod m20261121_000001_foundation;
mod m20261121_000002_entry_points;
mod m20261121_000003_consent_documents;
mod m20261121_000004_residents;
mod m20261121_000005_medical;
mod m20261121_000006_consent_lifecycle;
mod m20261201_000007_proxies;
mod m20261201_000008_reception;
mod m20261205_000009_intake_integrity;
mod m20261205_000010_code_flows;
mod m20261205_000011_open_registrations;
mod m20261205_000012_mail_lanes;
mod m20261205_000013_record_versions;
mod m20261206_000014_facility_access;
mod m20261206_000015_looking_by_person;
mod m20261206_000016_audit_chain;
mod m20261206_000017_audit_chain_by_place;
mod m20261207_000018_insurance_history;
mod m20261207_000019_proxy_confirmation;
mod m20261208_000020_person_merge;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_foundation::Migration),
            Box::new(m20261121_000002_entry_points::Migration),
            Box::new(m20261121_000003_consent_documents::Migration),
            Box::new(m20261121_000004_residents::Migration),
            Box::new(m20261121_000005_medical::Migration),
            Box::new(m20261121_000006_consent_lifecycle::Migration),
            Box::new(m20261201_000007_proxies::Migration),
            Box::new(m20261201_000008_reception::Migration),
            Box::new(m20261205_000009_intake_integrity::Migration),
            Box::new(m20261205_000010_code_flows::Migration),
            Box::new(m20261205_000011_open_registrations::Migration),
            Box::new(m20261205_000012_mail_lanes::Migration),
            Box::new(m20261205_000013_record_versions::Migration),
            Box::new(m20261206_000014_facility_access::Migration),
            Box::new(m20261206_000015_looking_by_person::Migration),
            Box::new(m20261206_000016_audit_chain::Migration),
            Box::new(m20261206_000017_audit_chain_by_place::Migration),
            Box::new(m20261207_000018_insurance_history::Migration),
            Box::new(m20261207_000019_proxy_confirmation::Migration),
            Box::new(m20261208_000020_person_merge::Migration),
        ]
    }
}
