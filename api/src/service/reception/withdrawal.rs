//! Entering a paper withdrawal form: the consent withdrawn, on paper, with
//! the staff member and the form's serial.

use serde_json::json;
use uuid::Uuid;

use super::paper_registration::form_network;
use super::{EntryView, entry_view, facility_of, refused, staff_key};
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::NUMBER_LEN;
use crate::domain::staff;
use crate::domain::{FieldErrorCode, Invalid, Validator, person};
use crate::service::common::codes::check_rate;
use crate::service::common::consent::Record;
use crate::service::{ConsentRefusal, ReceptionRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::paper_entry;
use crate::store::{consents as consent_repo, residents, staff as repo};

/// A paper withdrawal form.
pub struct PaperWithdrawal<'a> {
    pub network: &'a str,
    pub form_serial: &'a str,
    pub signed_on: &'a str,
    pub registration_number: &'a str,
    pub birth_date: &'a str,
    pub identity_checked: bool,
    pub form_received: bool,
}

/// Enters a paper withdrawal: effective now, recorded with the staff
/// member, the facility and the form.
pub async fn withdraw_paper(
    state: &AppState,
    actor: &Actor,
    input: PaperWithdrawal<'_>,
) -> Result<EntryView, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let serial = v.check("formSerial", staff::parse_form_serial(input.form_serial));
    let signed_on = v.check("signedOn", staff::parse_signed_on(input.signed_on, today));
    let number = v.check("registrationNumber", PublicId::parse(input.registration_number, NUMBER_LEN));
    let birth = v.check("birthDate", person::parse_birth_date(input.birth_date, today));
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if !input.identity_checked {
        v.push("identityChecked", FieldErrorCode::Required);
    }
    if !input.form_received {
        v.push("formReceived", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(serial), Some(signed_on), Some(number), Some(birth)) = (serial, signed_on, number, birth) else {
        return Err(Invalid::default().into());
    };
    let tx = state.db.write().await?;
    let net = form_network(&*tx, facility, input.network).await?;
    if repo::serial_used(&*tx, facility, &serial).await? {
        return Err(refused(ReceptionRefusal::FormSerialUsed));
    }
    // The number and the birth date find the person only if they ever
    // joined this network: otherwise the answer is the same as for a wrong
    // date (no oracle), counted against the staff member and audited.
    let key = staff_key(actor);
    check_rate(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
    let found = residents::find_by_number(&*tx, number.as_str()).await?.filter(|r| r.birth_date == birth);
    let record = match &found {
        Some(r) => {
            consent_repo::lock_person(&*tx, r.id).await?;
            Some(Record::load(&*tx, r.id).await?).filter(|rec| rec.consents.iter().any(|c| c.network_id == net.id))
        }
        None => None,
    };
    let (Some(r), Some(record)) = (found, record) else {
        crate::store::auth::count_event(&*tx, rate::FAILED_LOOKUPS_PER_STAFF, &key, now).await?;
        audit::append(
            &*tx,
            AuditEntry::new(actor, AuditAction::PersonNotFound, Channel::Paper)
                .network(net.id)
                .facility(facility)
                .request_id(context::request_id())
                .detail(json!({ "form": "withdrawal" })),
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(ServiceError::NotFound);
    };
    let Some(current) = record.in_force(net.id).cloned() else {
        return Err(ServiceError::Consent(ConsentRefusal::AlreadyWithdrawn));
    };
    let w = consent_repo::Withdrawal {
        at: now,
        by_kind: ConsentBy::Staff.as_str(),
        by_id: Some(staff_id),
        channel: Channel::Paper.as_str(),
    };
    if !consent_repo::withdraw(&*tx, current.id, w).await? {
        return Err(ServiceError::Consent(ConsentRefusal::AlreadyWithdrawn));
    }
    let entry = paper_entry::Model {
        id: Uuid::now_v7(),
        facility_id: facility,
        staff_id,
        kind: staff::EntryKind::Withdrawal.as_str().into(),
        form_serial: serial.clone(),
        signed_on,
        resident_id: r.id,
        network_id: net.id,
        consent_id: Some(current.id),
        proxy_name: None,
        proxy_relationship: None,
        proxy_reason: None,
        created_at: now,
    };
    repo::insert_entry(&*tx, entry.clone()).await.map_err(|e| match e {
        crate::store::StoreError::Duplicate => refused(ReceptionRefusal::FormSerialUsed),
        e => e.into(),
    })?;
    let mut e = AuditEntry::new(actor, AuditAction::ConsentWithdrawn, Channel::Paper)
        .subject(SubjectKind::Consent, current.id)
        .network(net.id)
        .facility(facility)
        .request_id(context::request_id())
        .detail(json!({ "formSerial": serial, "paperEntry": entry.id }));
    e.on_behalf_of = Some(r.id);
    audit::append(&*tx, e, now).await?;
    if let Some(to) = &r.email {
        notices::consent_changed(&*tx, state, to, &net, notices::ConsentChange::Withdrawn, now, None).await?;
    }
    let view = entry_view(&*tx, &entry, 0, None).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}
