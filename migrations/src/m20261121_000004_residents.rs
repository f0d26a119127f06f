//! Residents and how they sign in: the person (one record per person), their
//! insurance details, the consent they gave, registrations in progress,
//! one-time mail codes, passkeys, WebAuthn ceremonies, sessions, the network
//! office's identity review queue, and counters for rate limits.

use sea_orm_migration::{prelude::*, schema::*};

use crate::helpers::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Resident {
    Table,
    Id,
    RegistrationNumber,
    Name,
    NameKana,
    KanaKey,
    BirthDate,
    Sex,
    Phone,
    Email,
    EmailVerifiedAt,
    EntryPointId,
    Channel,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ResidentInsurance {
    Table,
    Id,
    ResidentId,
    Document,
    InsurerNumber,
    Symbol,
    Number,
    Branch,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consent {
    Table,
    Id,
    ResidentId,
    NetworkId,
    DocumentId,
    Version,
    GivenAt,
    GivenByKind,
    GivenById,
    Channel,
    EntryPointId,
    WithdrawnAt,
}

#[derive(DeriveIden)]
#[allow(clippy::enum_variant_names)]
enum Registration {
    Table,
    Id,
    KeyHash,
    EntryPointId,
    NetworkId,
    DocumentId,
    Details,
    ResidentId,
    RegistrationNumber,
    EmailVerifiedAt,
    CreatedAt,
    UpdatedAt,
    ExpiresAt,
    CompletedAt,
    Outcome,
}

#[derive(DeriveIden)]
enum EmailCode {
    Table,
    Id,
    Purpose,
    SubjectId,
    CodeHash,
    CreatedAt,
    ExpiresAt,
    Attempts,
    UsedAt,
}

#[derive(DeriveIden)]
enum Passkey {
    Table,
    Id,
    ResidentId,
    CredId,
    Data,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum WebauthnCeremony {
    Table,
    Id,
    Kind,
    SubjectId,
    State,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    TokenHash,
    ResidentId,
    Method,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum IdentityReview {
    Table,
    Id,
    Kind,
    ResidentId,
    RegistrationId,
    Candidates,
    CreatedAt,
    ResolvedAt,
}

#[derive(DeriveIden)]
enum RateCounter {
    Table,
    Key,
    WindowStart,
    Count,
}

#[derive(DeriveIden)]
enum Network {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EntryPoint {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ConsentDocument {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Resident::Table)
                    .col(uuid(Resident::Id).primary_key())
                    .col(string_len(Resident::RegistrationNumber, 20))
                    .col(string_len(Resident::Name, 200))
                    .col(string_len(Resident::NameKana, 200))
                    .col(string_len(Resident::KanaKey, 200))
                    .col(date(Resident::BirthDate))
                    .col(string_len(Resident::Sex, 16))
                    .col(string_len_null(Resident::Phone, 20))
                    .col(string_len_null(Resident::Email, 254))
                    .col(timestamp_with_time_zone_null(Resident::EmailVerifiedAt))
                    .col(uuid_null(Resident::EntryPointId))
                    .col(string_len(Resident::Channel, 16))
                    .col(timestamp_with_time_zone(Resident::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_resident_entry_point",
                        (Resident::Table, Resident::EntryPointId),
                        (EntryPoint::Table, EntryPoint::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_resident_number", Resident::Table, &["registration_number"], true)).await?;
        manager.create_index(index("ux_resident_email", Resident::Table, &["email"], true)).await?;
        manager
            .create_index(index("ix_resident_identity", Resident::Table, &["kana_key", "birth_date"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResidentInsurance::Table)
                    .col(uuid(ResidentInsurance::Id).primary_key())
                    .col(uuid(ResidentInsurance::ResidentId))
                    .col(string_len(ResidentInsurance::Document, 32))
                    .col(string_len(ResidentInsurance::InsurerNumber, 8))
                    .col(string_len(ResidentInsurance::Symbol, 40))
                    .col(string_len(ResidentInsurance::Number, 40))
                    .col(string_len_null(ResidentInsurance::Branch, 2))
                    .col(timestamp_with_time_zone(ResidentInsurance::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_resident_insurance_resident",
                        (ResidentInsurance::Table, ResidentInsurance::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_resident_insurance_number",
                ResidentInsurance::Table,
                &["insurer_number", "number"],
                false,
            ))
            .await?;
        manager
            .create_index(index("ix_resident_insurance_resident", ResidentInsurance::Table, &["resident_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Consent::Table)
                    .col(uuid(Consent::Id).primary_key())
                    .col(uuid(Consent::ResidentId))
                    .col(uuid(Consent::NetworkId))
                    .col(uuid(Consent::DocumentId))
                    .col(integer(Consent::Version))
                    .col(timestamp_with_time_zone(Consent::GivenAt))
                    .col(string_len(Consent::GivenByKind, 32))
                    .col(uuid_null(Consent::GivenById))
                    .col(string_len(Consent::Channel, 16))
                    .col(uuid_null(Consent::EntryPointId))
                    .col(timestamp_with_time_zone_null(Consent::WithdrawnAt))
                    .foreign_key(&mut fk(
                        "fk_consent_resident",
                        (Consent::Table, Consent::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consent_network",
                        (Consent::Table, Consent::NetworkId),
                        (Network::Table, Network::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consent_document",
                        (Consent::Table, Consent::DocumentId),
                        (ConsentDocument::Table, ConsentDocument::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_consent_entry_point",
                        (Consent::Table, Consent::EntryPointId),
                        (EntryPoint::Table, EntryPoint::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_consent_resident", Consent::Table, &["resident_id", "network_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Registration::Table)
                    .col(uuid(Registration::Id).primary_key())
                    .col(string_len(Registration::KeyHash, 64))
                    .col(uuid(Registration::EntryPointId))
                    .col(uuid(Registration::NetworkId))
                    .col(uuid(Registration::DocumentId))
                    .col(text_null(Registration::Details))
                    .col(uuid(Registration::ResidentId))
                    .col(string_len(Registration::RegistrationNumber, 20))
                    .col(timestamp_with_time_zone_null(Registration::EmailVerifiedAt))
                    .col(timestamp_with_time_zone(Registration::CreatedAt))
                    .col(timestamp_with_time_zone(Registration::UpdatedAt))
                    .col(timestamp_with_time_zone(Registration::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Registration::CompletedAt))
                    .col(string_len_null(Registration::Outcome, 32))
                    .foreign_key(&mut fk(
                        "fk_registration_entry_point",
                        (Registration::Table, Registration::EntryPointId),
                        (EntryPoint::Table, EntryPoint::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_registration_network",
                        (Registration::Table, Registration::NetworkId),
                        (Network::Table, Network::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_registration_document",
                        (Registration::Table, Registration::DocumentId),
                        (ConsentDocument::Table, ConsentDocument::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_registration_key", Registration::Table, &["key_hash"], true)).await?;
        manager
            .create_index(index("ux_registration_number", Registration::Table, &["registration_number"], true))
            .await?;
        manager.create_index(index("ix_registration_expiry", Registration::Table, &["expires_at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailCode::Table)
                    .col(uuid(EmailCode::Id).primary_key())
                    .col(string_len(EmailCode::Purpose, 32))
                    .col(uuid(EmailCode::SubjectId))
                    .col(string_len(EmailCode::CodeHash, 64))
                    .col(timestamp_with_time_zone(EmailCode::CreatedAt))
                    .col(timestamp_with_time_zone(EmailCode::ExpiresAt))
                    .col(integer(EmailCode::Attempts))
                    .col(timestamp_with_time_zone_null(EmailCode::UsedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_email_code_subject", EmailCode::Table, &["subject_id", "purpose"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Passkey::Table)
                    .col(uuid(Passkey::Id).primary_key())
                    .col(uuid(Passkey::ResidentId))
                    .col(text(Passkey::CredId))
                    .col(text(Passkey::Data))
                    .col(timestamp_with_time_zone(Passkey::CreatedAt))
                    .col(timestamp_with_time_zone_null(Passkey::LastUsedAt))
                    .foreign_key(&mut fk(
                        "fk_passkey_resident",
                        (Passkey::Table, Passkey::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_passkey_cred", Passkey::Table, &["cred_id"], true)).await?;
        manager.create_index(index("ix_passkey_resident", Passkey::Table, &["resident_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table(WebauthnCeremony::Table)
                    .col(uuid(WebauthnCeremony::Id).primary_key())
                    .col(string_len(WebauthnCeremony::Kind, 32))
                    .col(uuid_null(WebauthnCeremony::SubjectId))
                    .col(text(WebauthnCeremony::State))
                    .col(timestamp_with_time_zone(WebauthnCeremony::CreatedAt))
                    .col(timestamp_with_time_zone(WebauthnCeremony::ExpiresAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ix_webauthn_ceremony_expiry", WebauthnCeremony::Table, &["expires_at"], false))
            .await?;
        manager
            .create_index(index("ix_webauthn_ceremony_subject", WebauthnCeremony::Table, &["subject_id"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(uuid(Session::Id).primary_key())
                    .col(string_len(Session::TokenHash, 64))
                    .col(uuid(Session::ResidentId))
                    .col(string_len(Session::Method, 32))
                    .col(timestamp_with_time_zone(Session::CreatedAt))
                    .col(timestamp_with_time_zone(Session::LastSeenAt))
                    .col(timestamp_with_time_zone(Session::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Session::EndedAt))
                    .foreign_key(&mut fk(
                        "fk_session_resident",
                        (Session::Table, Session::ResidentId),
                        (Resident::Table, Resident::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("ux_session_token", Session::Table, &["token_hash"], true)).await?;

        manager
            .create_table(
                Table::create()
                    .table(IdentityReview::Table)
                    .col(uuid(IdentityReview::Id).primary_key())
                    .col(string_len(IdentityReview::Kind, 32))
                    .col(uuid_null(IdentityReview::ResidentId))
                    .col(uuid_null(IdentityReview::RegistrationId))
                    .col(text(IdentityReview::Candidates))
                    .col(timestamp_with_time_zone(IdentityReview::CreatedAt))
                    .col(timestamp_with_time_zone_null(IdentityReview::ResolvedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateCounter::Table)
                    .col(string_len(RateCounter::Key, 200).primary_key())
                    .col(timestamp_with_time_zone(RateCounter::WindowStart))
                    .col(integer(RateCounter::Count))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            RateCounter::Table.into_iden(),
            IdentityReview::Table.into_iden(),
            Session::Table.into_iden(),
            WebauthnCeremony::Table.into_iden(),
            Passkey::Table.into_iden(),
            EmailCode::Table.into_iden(),
            Registration::Table.into_iden(),
            Consent::Table.into_iden(),
            ResidentInsurance::Table.into_iden(),
            Resident::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
