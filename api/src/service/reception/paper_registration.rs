//! Entering a paper registration form: the person (one person, one record),
//! the proxy box, the consent given on paper, and a claim sheet.

use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use super::duplicates::same_name_and_birth;
use super::{EntryView, entry_view, facility_of, issue_sheet, parse_proxy_box, refused, staff_key};
use crate::context;
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::{RegistrationDetails, RegistrationInput};
use crate::domain::staff;
use crate::domain::{FieldErrorCode, Invalid, Validator};
use crate::service::common::enrolment::{self, Enrolment, Found, Joining};
use crate::service::{ReceptionRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::entity::paper_entry;
use crate::store::{consent_documents, medical, residents, staff as repo};

/// Everything a paper registration form carries.
pub struct PaperRegistration<'a> {
    pub network: &'a str,
    pub consent_version: Option<i32>,
    pub form_serial: &'a str,
    pub signed_on: &'a str,
    pub details: RegistrationInput<'a>,
    pub address: Option<&'a str>,
    pub care_insurance_number: Option<&'a str>,
    pub proxy_name: Option<&'a str>,
    pub proxy_relationship: Option<&'a str>,
    pub proxy_reason: Option<&'a str>,
    pub identity_checked: bool,
    pub form_received: bool,
    pub not_duplicate: bool,
}

/// The network of a form: one the facility belongs to.
pub(super) async fn form_network(
    db: &impl ConnectionTrait,
    facility: Uuid,
    code: &str,
) -> Result<crate::store::entity::network::Model, ServiceError> {
    let not_found = || ServiceError::from(Invalid::one("network", FieldErrorCode::NotFound));
    let net = crate::service::common::consent::network_of(db, code).await.map_err(|_| not_found())?;
    if !medical::networks_of_facility(db, facility).await?.contains(&net.id) {
        return Err(not_found());
    }
    Ok(net)
}

/// Enters a paper registration: the person (and the proxy named on the
/// form), their consent given on paper with the staff member, the facility
/// and the form's serial, and a claim sheet.
pub async fn register_paper(
    state: &AppState,
    actor: &Actor,
    input: PaperRegistration<'_>,
) -> Result<EntryView, ServiceError> {
    let (staff_id, facility) = facility_of(actor)?;
    let now = state.clock.now();
    let today = crate::domain::japan_time::day(now);
    let mut v = Validator::new();
    let serial = v.check("formSerial", staff::parse_form_serial(input.form_serial));
    let signed_on = v.check("signedOn", staff::parse_signed_on(input.signed_on, today));
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input.details, today));
    let address = v.check("address", staff::parse_address(input.address));
    let care = v.check("careInsuranceNumber", staff::parse_care_insurance_number(input.care_insurance_number));
    let proxy_box = parse_proxy_box(&mut v, input.proxy_name, input.proxy_relationship, input.proxy_reason);
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if input.consent_version.is_none() {
        v.push("consentVersion", FieldErrorCode::Required);
    }
    if !input.identity_checked {
        v.push("identityChecked", FieldErrorCode::Required);
    }
    if !input.form_received {
        v.push("formReceived", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(serial), Some(signed_on), Some(details), Some(address), Some(care)) =
        (serial, signed_on, details, address, care)
    else {
        return Err(Invalid::default().into());
    };

    let tx = state.db.write().await?;
    let net = form_network(&*tx, facility, input.network).await?;
    let doc = match consent_documents::current(&*tx, net.id, now).await? {
        Some(d) if Some(d.version) == input.consent_version => d,
        _ => return Err(Invalid::one("consentVersion", FieldErrorCode::Expired).into()),
    };
    if repo::serial_used(&*tx, facility, &serial).await? {
        return Err(refused(ReceptionRefusal::FormSerialUsed));
    }
    // Being told someone is registered, or has a namesake, is a look-up like
    // a duplicate check: bounded per staff member, each refusal counted.
    crate::service::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = InsuranceKey::from(details.numbers()?);
    let found = enrolment::find(&*tx, &identity, Some(&insurance), None).await?;
    // The namesakes the duplicate check would show (this facility's networks only).
    let alike = !same_name_and_birth(&*tx, facility, &identity.kana_key, details.birth_date).await?.is_empty();
    let refusal = if matches!(found, Found::Same(_)) {
        Some(ReceptionRefusal::AlreadyRegistered)
    } else if alike && !input.not_duplicate {
        Some(ReceptionRefusal::PossibleDuplicate)
    } else {
        None
    };
    if let Some(r) = refusal {
        crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
        tx.commit().await?;
        return Err(refused(r));
    }
    if !details.email.is_empty() {
        // Whether an address is someone's is a look-up, like a duplicate check:
        // bounded per staff member, a refusal counted (and kept) as one.
        crate::service::common::codes::check_rate(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now)
            .await?;
        if residents::find_by_email(&*tx, &details.email).await?.is_some() {
            crate::store::auth::count_event(&*tx, rate::DUPLICATE_CHECKS_PER_STAFF, &staff_key(actor), now).await?;
            tx.commit().await?;
            return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
        }
    }
    let person_id = Uuid::now_v7();
    let entry_id = Uuid::now_v7();
    let number = crate::service::common::people::new_number(&*tx).await?;
    let on_paper = |action| {
        let mut e = AuditEntry::new(actor, action, Channel::Paper)
            .facility(facility)
            .network(net.id)
            .request_id(context::request_id());
        e.on_behalf_of = Some(person_id);
        e
    };
    let enrolled = enrolment::enrol(
        &*tx,
        Enrolment {
            person: crate::service::common::people::NewPerson {
                id: person_id,
                registration_number: &number,
                details: &details,
                identity: &identity,
                insurance: Some(&insurance),
                email_verified_at: None,
                entry_point: None,
                channel: Channel::Paper,
                address,
                care_insurance_number: care,
                now,
            },
            found: &found,
            registration: None,
            joining: Joining {
                network: net.id,
                document: &doc,
                by: ConsentBy::Staff,
                by_id: Some(staff_id),
                entry_point: None,
                paper: Some((facility, serial.clone())),
                detail: json!({ "formSerial": serial }),
            },
            detail: json!({ "paperEntry": entry_id, "byProxy": proxy_box.is_some() }),
        },
        &on_paper,
    )
    .await?;
    let entry = paper_entry::Model {
        id: entry_id,
        facility_id: facility,
        staff_id,
        kind: staff::EntryKind::Registration.as_str().into(),
        form_serial: serial.clone(),
        signed_on,
        resident_id: person_id,
        network_id: net.id,
        consent_id: Some(enrolled.consent),
        proxy_name: proxy_box.as_ref().map(|(n, _, _)| n.clone()),
        proxy_relationship: proxy_box.as_ref().map(|(_, r, _)| r.as_str().to_owned()),
        proxy_reason: proxy_box.as_ref().map(|(_, _, why)| why.as_str().to_owned()),
        created_at: now,
    };
    repo::insert_entry(&*tx, entry.clone()).await.map_err(|e| match e {
        crate::store::StoreError::Duplicate => refused(ReceptionRefusal::FormSerialUsed),
        e => e.into(),
    })?;
    let sheet = issue_sheet(&*tx, state, person_id, staff_id, now).await?;
    audit::append(&*tx, on_paper(AuditAction::ClaimSheetIssued).subject(SubjectKind::PaperEntry, entry_id), now)
        .await?;
    if !details.email.is_empty() {
        notices::registered(
            &*tx,
            state,
            &details.email,
            &notices::Confirmation {
                registration_number: &PublicId::display_of(&number),
                network_ja: &net.name,
                network_en: net.name_en.as_deref().unwrap_or(&net.name),
                consent_version: doc.version,
                at: now,
            },
        )
        .await?;
    }
    let view = entry_view(&*tx, &entry, 0, Some(sheet)).await?;
    tx.commit().await?;
    state.mail.wake();
    Ok(view)
}
