//! What a person sees and decides about facilities looking at their record
//! (`service::my_access`): who looked, which facilities may look, their
//! registration QR, and whether their proxies are mailed about looks.

use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::closed::{self, OneOf};
use super::error::{ApiError, Refusal, can};
use super::session::Resident;
use super::tags::ApiTags;
use crate::service::ServiceError;
use crate::service::my_access::{self, AccessItem, FacilityName, QrView};
use crate::state::AppState;

pub struct MyAccessApi;

/// A facility's names: Japanese, and English when it has one.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct FacilityNames {
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
}

fn names(f: FacilityName) -> FacilityNames {
    FacilityNames { name: f.name, name_en: f.name_en }
}

/// An emergency access: why, until when, and the network office's review.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EmergencyAccessView {
    pub reason: OneOf<closed::EmergencyReason>,
    pub until: chrono::DateTime<chrono::Utc>,
    /// `appropriate` or `inappropriate`; absent until reviewed.
    #[oai(skip_serializing_if_is_none)]
    pub review_outcome: Option<OneOf<closed::ReviewOutcome>>,
    #[oai(skip_serializing_if_is_none)]
    pub reviewed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One look at or read of the person's data by someone else.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AccessEntryBody {
    pub id: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// What happened, by its stable audit name (e.g. `shared_record.viewed`).
    pub action: OneOf<closed::AccessAction>,
    /// Who: `staff`, `facility_system`, `proxy`, `operator` or `system`.
    pub actor_kind: String,
    /// The staff member's profession (never their name: the network office
    /// gives it on request).
    #[oai(skip_serializing_if_is_none)]
    pub role: Option<OneOf<closed::StaffRole>>,
    #[oai(skip_serializing_if_is_none)]
    pub facility: Option<FacilityNames>,
    /// For a proxy's read, shown to the person only.
    #[oai(skip_serializing_if_is_none)]
    pub proxy_name: Option<String>,
    /// What a look showed.
    pub parts: Vec<OneOf<closed::RecordPart>>,
    #[oai(skip_serializing_if_is_none)]
    pub emergency: Option<EmergencyAccessView>,
    /// A look that was refused: nothing was shown.
    pub refused: bool,
    pub channel: String,
    /// The entry was covered by the service's last check of the audit log
    /// (`check`), which found the log unaltered.
    pub verified: bool,
}

/// The service's last check of the audit log's hash chain.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AuditCheckView {
    pub checked_at: chrono::DateTime<chrono::Utc>,
    /// Whether it found the log unaltered; if not, no entry is `verified`.
    pub intact: bool,
}

/// A page of the access record, newest first.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AccessRecordPage {
    pub items: Vec<AccessEntryBody>,
    /// The service's last check of the audit log; absent just after it started.
    #[oai(skip_serializing_if_is_none)]
    pub check: Option<AuditCheckView>,
    /// Ask again with `before` set to this for older entries; absent on the last page.
    #[oai(skip_serializing_if_is_none)]
    pub next: Option<String>,
}

pub(super) fn access_entry(a: AccessItem) -> AccessEntryBody {
    AccessEntryBody {
        id: a.id.to_string(),
        at: a.at,
        action: a.action.into(),
        actor_kind: a.actor_kind,
        role: a.role.map(Into::into),
        facility: a.facility.map(names),
        proxy_name: a.proxy_name,
        parts: a.parts.into_iter().map(Into::into).collect(),
        emergency: a.emergency.map(|e| EmergencyAccessView {
            reason: e.reason.into(),
            until: e.until,
            review_outcome: e.review_outcome.map(Into::into),
            reviewed_at: e.reviewed_at,
        }),
        refused: a.refused,
        channel: a.channel,
        verified: a.verified,
    }
}

/// A facility that may look at the person's record.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CareRelationshipBody {
    pub id: String,
    pub facility: FacilityNames,
    /// What made it: the facility sent data, the person presented at its
    /// desk, or showed their registration QR there; or an emergency access
    /// (`emergency_access`, until `until`).
    pub basis: OneOf<closed::RelationshipBasis>,
    pub started_at: chrono::DateTime<chrono::Utc>,
    #[oai(skip_serializing_if_is_none)]
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// When it first looked; absent if it has not.
    #[oai(skip_serializing_if_is_none)]
    pub first_viewed_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CareRelationships {
    pub items: Vec<CareRelationshipBody>,
}

/// The person's registration QR: showing it to a facility lets that
/// facility look at their shared record.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct RegistrationQr {
    /// What the QR holds.
    pub payload: String,
    /// The registration number, as printed under the QR.
    pub registration_number: String,
    /// The QR's own code, printed under it for typing at a desk.
    pub code: String,
    pub svg: String,
    pub issued_at: chrono::DateTime<chrono::Utc>,
}

fn qr_body(v: QrView) -> Result<RegistrationQr, ServiceError> {
    let payload = v.qr.payload();
    let svg = crate::qr::svg(&payload, "renkei 登録QRコード / registration QR")
        .map_err(|e| ServiceError::Internal(format!("registration QR: {e}")))?;
    Ok(RegistrationQr {
        registration_number: v.qr.number.to_string(),
        code: v.qr.secret.to_string(),
        payload,
        svg,
        issued_at: v.issued_at,
    })
}

/// Whether the person's manage-level proxies are mailed when a facility
/// looks at the person's record (the person always is).
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AccessAlerts {
    pub to_proxies: bool,
}

#[derive(ApiResponse)]
pub enum Ended {
    /// Ended: the facility sees nothing more until the person shows it their
    /// new registration QR, or in a new emergency.
    #[oai(status = 204)]
    Done,
}

#[OpenApi(tag = "ApiTags::MyAccess")]
impl MyAccessApi {
    /// Who looked at the signed-in person's data
    ///
    /// Every look by a facility (what it saw, by profession; refused looks
    /// too), emergency accesses with their reason and review, the
    /// facilities that started or lost the right to look, and reads by
    /// proxies and reception; newest first. A proxy is not shown anything
    /// about a facility that sent a record the person hides from them.
    #[oai(path = "/me/access", method = "get", operation_id = "getMyAccessRecord")]
    async fn access(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        /// The `next` of the page before.
        before: Query<Option<uuid::Uuid>>,
        /// 1 to 50, 20 by default.
        #[oai(validator(minimum(value = "1"), maximum(value = "50")))]
        limit: Query<Option<u32>>,
    ) -> Result<Json<AccessRecordPage>, Refusal<{ can::RESIDENT | can::PARAMS }>> {
        let page = my_access::access_record(&state, &who.0, before.0, u64::from(limit.0.unwrap_or(20))).await?;
        Ok(Json(AccessRecordPage {
            items: page.items.into_iter().map(access_entry).collect(),
            check: page.checked.map(|(checked_at, intact)| AuditCheckView { checked_at, intact }),
            next: page.next.map(|id| id.to_string()),
        }))
    }

    /// The facilities that may look at the person's record now
    #[oai(path = "/me/care-relationships", method = "get", operation_id = "getMyCareRelationships")]
    async fn relationships(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<CareRelationships>, Refusal<{ can::RESIDENT }>> {
        let list = my_access::relationships(&state, &who.0).await?;
        Ok(Json(CareRelationships {
            items: list
                .into_iter()
                .map(|r| CareRelationshipBody {
                    id: r.id.to_string(),
                    facility: names(r.facility),
                    basis: r.basis.into(),
                    started_at: r.started_at,
                    first_viewed_at: r.first_viewed_at,
                    until: r.until,
                })
                .collect(),
        }))
    }

    /// Stop a facility looking at the person's record
    ///
    /// Ends its care relationship and any emergency access it holds (the id
    /// of either), and makes the person a new registration QR (the facility
    /// may have kept the old one's text). It sees nothing more until the
    /// person shows it their new QR, or in a new emergency; its reception and
    /// its sending data no longer start a relationship.
    #[oai(path = "/me/care-relationships/:id", method = "delete", operation_id = "endMyCareRelationship")]
    async fn end(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        id: Path<String>,
    ) -> Result<Ended, Refusal<{ can::WRITE | can::RESIDENT | can::NOT_FOUND }>> {
        let id = uuid::Uuid::parse_str(&id.0).map_err(|_| ApiError::from(ServiceError::NotFound))?;
        my_access::end_relationship(&state, &who.0, id).await?;
        Ok(Ended::Done)
    }

    /// The person's registration QR (made the first time it is asked for)
    #[oai(path = "/me/registration-qr", method = "get", operation_id = "getMyRegistrationQr")]
    async fn qr(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<RegistrationQr>, Refusal<{ can::RESIDENT }>> {
        Ok(Json(qr_body(my_access::registration_qr(&state, &who.0).await?)?))
    }

    /// Make a new registration QR; the old one (on a lost card) stops working
    #[oai(path = "/me/registration-qr", method = "post", operation_id = "renewMyRegistrationQr")]
    async fn new_qr(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<RegistrationQr>, Refusal<{ can::WRITE | can::RESIDENT }>> {
        Ok(Json(qr_body(my_access::new_registration_qr(&state, &who.0).await?)?))
    }

    /// Whether the person's proxies are mailed when a facility looks
    #[oai(path = "/me/access-alerts", method = "get", operation_id = "getMyAccessAlerts")]
    async fn alerts(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<AccessAlerts>, Refusal<{ can::RESIDENT }>> {
        Ok(Json(AccessAlerts { to_proxies: my_access::alerts_to_proxies(&state, &who.0).await? }))
    }

    /// Choose whether the person's manage-level proxies are mailed when a facility looks
    #[oai(path = "/me/access-alerts", method = "put", operation_id = "setMyAccessAlerts")]
    async fn set_alerts(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<AccessAlerts>,
    ) -> Result<Json<AccessAlerts>, Refusal<{ can::BODY | can::RESIDENT }>> {
        my_access::set_alerts_to_proxies(&state, &who.0, body.to_proxies).await?;
        Ok(Json(AccessAlerts { to_proxies: body.to_proxies }))
    }
}
