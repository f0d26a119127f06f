//! A family member registering a person to act for (one person, one record),
//! with the reason, the attestation and the consent given for them.

use serde_json::json;
use uuid::Uuid;

use super::{NewLink, claim_url, create_link};
use crate::context;
use crate::domain::access::{Operation, require};
use crate::domain::actor::Actor;
use crate::domain::audit::{AuditAction, Channel, SubjectKind};
use crate::domain::consent::ConsentBy;
use crate::domain::identity::{Identity, InsuranceKey};
use crate::domain::proxy::{self, Attestation, Level, Reason, Relationship, Via};
use crate::domain::public_id::PublicId;
use crate::domain::rate;
use crate::domain::registration::{RegistrationDetails, RegistrationInput};
use crate::domain::{FieldErrorCode, Invalid, Validator};
use crate::service::common::enrolment::{self, Enrolment, Found, Joining};
use crate::service::common::people::{NewPerson, issue_claim};
use crate::service::common::visibility::entry;
use crate::service::{ProxyRefusal, ServiceError, notices};
use crate::state::AppState;
use crate::store::audit::{self, AuditEntry};
use crate::store::{consent_documents, residents};

/// A family member's registration of a person they will act for.
pub struct PersonRegistration<'a> {
    pub network: &'a str,
    pub consent_version: Option<i32>,
    pub relationship: &'a str,
    pub reason: &'a str,
    pub reason_note: Option<&'a str>,
    pub attestation: &'a str,
    pub details: RegistrationInput<'a>,
}

/// What registering a person answers. The same whether a new record was
/// made or the person was already registered (then nothing is linked and
/// the existing account is told): nothing is disclosed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRegistered {
    pub registration_number: String,
    pub network_code: String,
    pub network_name: String,
    pub network_name_en: Option<String>,
    pub consent_version: i32,
}

/// Registers a person (an elderly parent) into a network, with the consent
/// given by the signed-in family member on their behalf, and makes that
/// family member their proxy at level `manage`. Identity resolution is the
/// same as for self-registration.
pub async fn register_person(
    state: &AppState,
    actor: &Actor,
    client: &str,
    input: PersonRegistration<'_>,
) -> Result<PersonRegistered, ServiceError> {
    require(actor, Operation::ActForOthers)?;
    let me = actor.person().ok_or(ServiceError::NotFound)?;
    let now = state.clock.now();
    let mut v = Validator::new();
    let relationship = v.check("relationship", Relationship::parse(input.relationship));
    let reason = v.check("reason", Reason::parse(input.reason));
    let reason_note = v.check("reasonNote", proxy::parse_reason_note(input.reason_note));
    let attestation = v.check("attestation", Attestation::parse(input.attestation));
    let details = v.merge(RegistrationDetails::parse_for_proxy(&input.details, crate::domain::japan_time::day(now)));
    if input.network.trim().is_empty() {
        v.push("network", FieldErrorCode::Required);
    }
    if input.consent_version.is_none() {
        v.push("consentVersion", FieldErrorCode::Required);
    }
    v.finish()?;
    let (Some(relationship), Some(reason), Some(reason_note), Some(attestation), Some(details)) =
        (relationship, reason, reason_note, attestation, details)
    else {
        return Err(Invalid::default().into());
    };

    let tx = state.db.write().await?;
    crate::service::common::codes::spend(&*tx, rate::REGISTRATIONS_PER_CLIENT, client, now).await?;
    let net = crate::service::common::consent::network_of(&*tx, input.network)
        .await
        .map_err(|_| Invalid::one("network", FieldErrorCode::NotFound))?;
    let doc = match consent_documents::current(&*tx, net.id, now).await? {
        Some(d) if Some(d.version) == input.consent_version => d,
        _ => return Err(Invalid::one("consentVersion", FieldErrorCode::Expired).into()),
    };
    let proxy_person = residents::find(&*tx, me).await?.ok_or(ServiceError::NotFound)?;
    let registered = |registration_number: &str| PersonRegistered {
        registration_number: PublicId::display_of(registration_number),
        network_code: net.code.clone(),
        network_name: net.name.clone(),
        network_name_en: net.name_en.clone(),
        consent_version: doc.version,
    };

    // The family member's own address is not the person's: said before
    // anything else is looked at, so the answer never depends on whether
    // the person is registered.
    if !details.email.is_empty() && proxy_person.email.as_deref() == Some(details.email.as_str()) {
        return Err(Invalid::one("email", FieldErrorCode::AlreadyExists).into());
    }
    let identity = Identity::new(&details.name_kana, details.birth_date, details.sex);
    let insurance = InsuranceKey::from(details.numbers()?);
    match enrolment::find(&*tx, &identity, Some(&insurance), None).await? {
        Found::Same(existing) if existing.id == me => Err(ServiceError::Proxy(ProxyRefusal::OwnRecord)),
        Found::Same(existing) => {
            // Already registered: no second record and no link (becoming
            // someone's proxy needs their own invitation then). The family
            // member, signed in with their own confirmed sign-in and holding
            // the person's insurance details, is told the truth, as anyone
            // registering would be once their mailbox is proved; the
            // person's address is told, and the network office reviews.
            residents::add_review(&*tx, "proxy_registration_held", Some(me), None, &[existing.id], now).await?;
            if let Some(to) = &existing.email {
                notices::registered_by_family_again(&*tx, state, to, &proxy_person.name, now).await?;
            }
            // In the person's own record of who did what, with both people.
            let mut held = AuditEntry::new(actor, AuditAction::RegistrationHeld, Channel::Web)
                .network(net.id)
                .request_id(context::request_id())
                .detail(json!({ "byProxy": true }));
            held.on_behalf_of = Some(existing.id);
            audit::append(&*tx, held, now).await?;
            tx.commit().await?;
            state.mail.wake();
            Err(ServiceError::PersonRegistered)
        }
        found => {
            let owner =
                if details.email.is_empty() { None } else { residents::find_by_email(&*tx, &details.email).await? };
            let mut details = details;
            // Someone else's account has the address. Saying so would tell any
            // signed-in person which addresses are registered: the person is
            // registered without it, and that account is told.
            if let Some(o) = &owner {
                if let Some(to) = &o.email {
                    notices::address_not_used(&*tx, state, to, now).await?;
                }
                details.email = String::new();
            }
            let person_id = Uuid::now_v7();
            let link_id = Uuid::now_v7();
            let as_proxy =
                Actor::Proxy { id: me, subject: person_id, link: link_id, level: Level::Manage, confirmed: false };
            let number = crate::service::common::people::new_number(&*tx).await?;
            enrolment::enrol(
                &*tx,
                Enrolment {
                    person: NewPerson {
                        id: person_id,
                        registration_number: &number,
                        details: &details,
                        identity: &identity,
                        insurance: Some(&insurance),
                        email_verified_at: None,
                        entry_point: None,
                        channel: Channel::Web,
                        address: None,
                        care_insurance_number: None,
                        now,
                    },
                    found: &found,
                    registration: None,
                    joining: Joining {
                        network: net.id,
                        document: &doc,
                        by: ConsentBy::Proxy,
                        by_id: Some(me),
                        entry_point: None,
                        paper: None,
                        detail: json!({}),
                    },
                    detail: json!({ "byProxy": true }),
                },
                &|action| entry(&as_proxy, action, person_id),
            )
            .await?;
            create_link(
                &*tx,
                NewLink {
                    id: link_id,
                    proxy: me,
                    subject: person_id,
                    relationship,
                    level: Level::Manage,
                    via: Via::Registration,
                    reason: Some((reason, reason_note)),
                    attestation: Some(attestation),
                    // Nobody but the family member has said so yet.
                    confirmed: None,
                },
                now,
            )
            .await?;
            audit::append(
                &*tx,
                entry(&as_proxy, AuditAction::ProxyRegistered, person_id)
                    .subject(SubjectKind::ProxyLink, link_id)
                    .detail(json!({
                        "relationship": relationship.as_str(),
                        "reason": reason.as_str(),
                        "attestation": attestation.as_str(),
                        "level": Level::Manage.as_str(),
                    })),
                now,
            )
            .await?;
            if !details.email.is_empty() {
                let code =
                    issue_claim(&*tx, person_id, "proxy_registration", Some(me.to_string()), proxy::CLAIM_TTL, now)
                        .await?;
                notices::registered_by_proxy(
                    &*tx,
                    state,
                    &details.email,
                    &notices::ByProxy {
                        proxy_name: &proxy_person.name,
                        network_ja: &net.name,
                        network_en: net.name_en.as_deref().unwrap_or(&net.name),
                        registration_number: &PublicId::display_of(&number),
                        consent_version: doc.version,
                        claim_url: &claim_url(state, &code),
                        at: now,
                    },
                )
                .await?;
            }
            tx.commit().await?;
            state.mail.wake();
            Ok(registered(&number))
        }
    }
}
