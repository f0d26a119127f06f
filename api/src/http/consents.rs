//! The resident's consents (state, history, joining, re-consent, withdrawal),
//! a consent document's earlier versions, and the data rights: export,
//! correction requests, erasure of medical data.

use super::strict::Str;
use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi};

use super::error::ApiError;
use super::networks::{ConsentDocument, consent_dto};
use super::session::{self, Resident};
use super::tags::ApiTags;
use crate::domain::access::Operation;
use crate::domain::actor::Actor;
use crate::domain::audit::Channel;
use crate::domain::consent::Agreement;
use crate::service::common::consent::{EventKind, HistoryEvent, NetworkRef};
use crate::service::consents;
use crate::service::{consent_documents, data_rights};
use crate::state::AppState;
use crate::store::entity::correction_request;

pub struct ConsentsApi;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct NetworkName {
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
}

fn network(n: NetworkRef) -> NetworkName {
    NetworkName { code: n.code, name: n.name, name_en: n.name_en }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum MembershipState {
    Joined,
    Withdrawn,
}

/// One network the person joined at some time.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MembershipBody {
    pub network: NetworkName,
    pub state: MembershipState,
    /// Send this back when withdrawing, so a stale page changes nothing.
    pub consent_id: String,
    pub joined_at: chrono::DateTime<chrono::Utc>,
    #[oai(skip_serializing_if_is_none)]
    pub withdrawn_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The consent document version last agreed to.
    pub agreed_version: i32,
    /// Present when a newer version asks this person to agree again.
    #[oai(skip_serializing_if_is_none)]
    pub reconsent_version: Option<i32>,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum HistoryKind {
    Given,
    Renewed,
    Withdrawn,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum ConsentByDto {
    /// The person themselves.
    Resident,
    /// A family member or guardian acting for them.
    Proxy,
    /// Reception staff, from a signed paper form.
    Staff,
    /// The network office.
    Operator,
}

/// One step of the consent history.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct HistoryItem {
    pub at: chrono::DateTime<chrono::Utc>,
    pub kind: HistoryKind,
    pub consent_id: String,
    pub network: NetworkName,
    /// The document version agreed to; absent for a withdrawal.
    #[oai(skip_serializing_if_is_none)]
    pub version: Option<i32>,
    pub by: ConsentByDto,
    /// web, paper, cli.
    pub channel: String,
    /// The poster or leaflet whose QR code was scanned.
    #[oai(skip_serializing_if_is_none)]
    pub entry_point: Option<String>,
    /// The facility that took a paper form.
    #[oai(skip_serializing_if_is_none)]
    pub facility: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub form_serial: Option<String>,
}

fn history_item(h: HistoryEvent) -> HistoryItem {
    use crate::domain::consent::ConsentBy;
    HistoryItem {
        at: h.at,
        kind: match h.kind {
            EventKind::Given => HistoryKind::Given,
            EventKind::Renewed => HistoryKind::Renewed,
            EventKind::Withdrawn => HistoryKind::Withdrawn,
        },
        consent_id: h.consent_id.to_string(),
        network: network(h.network),
        version: h.version,
        by: match h.by {
            ConsentBy::Resident => ConsentByDto::Resident,
            ConsentBy::Proxy => ConsentByDto::Proxy,
            ConsentBy::Staff => ConsentByDto::Staff,
            ConsentBy::Operator => ConsentByDto::Operator,
        },
        channel: h.channel,
        entry_point: h.entry_point,
        facility: h.facility,
        form_serial: h.form_serial,
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct JoinableNetwork {
    pub network: NetworkName,
    /// The version of its consent document to read and agree to.
    pub version: i32,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ConsentOverview {
    pub memberships: Vec<MembershipBody>,
    /// Newest first.
    pub history: Vec<HistoryItem>,
    /// Networks with no consent in force that can be joined now.
    pub joinable: Vec<JoinableNetwork>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AgreeRequest {
    /// Required: the version of the consent document shown to the person.
    pub version: Option<i32>,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum AgreementKind {
    /// A new consent, in force from now (joining or re-joining).
    Joined,
    /// The consent in force, agreed again to the current version.
    Renewed,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct AgreedBody {
    pub outcome: AgreementKind,
    pub consent_id: String,
    pub version: i32,
    /// Only data from this moment on is shared (for a join).
    pub at: chrono::DateTime<chrono::Utc>,
    /// Whether a receipt was mailed.
    pub receipt_mailed: bool,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct WithdrawRequest {
    /// Required: the consent the page showed (`consentId` of the
    /// membership), so that a stale page changes nothing.
    #[oai(skip_serializing_if_is_none)]
    pub consent_id: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct WithdrawnBody {
    pub consent_id: String,
    pub network: NetworkName,
    /// From this moment nothing is shared or accepted for this network.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Whether a receipt was mailed.
    pub receipt_mailed: bool,
}

#[derive(ApiResponse)]
pub enum DownloadResponse {
    /// Everything held about the person, as a download.
    #[oai(status = 200, content_type = "application/json")]
    Ok(Json<serde_json::Value>, #[oai(header = "Content-Disposition")] String),
}

#[derive(ApiResponse)]
pub enum FhirDownloadResponse {
    /// A FHIR R4 `collection` Bundle, as a download.
    #[oai(status = 200, content_type = "application/fhir+json")]
    Ok(Json<serde_json::Value>, #[oai(header = "Content-Disposition")] String),
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum CorrectionStatusDto {
    Open,
    Corrected,
    Declined,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Correction {
    pub id: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub text: String,
    pub status: CorrectionStatusDto,
    #[oai(skip_serializing_if_is_none)]
    pub answer: Option<String>,
    #[oai(skip_serializing_if_is_none)]
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
}

fn correction(c: correction_request::Model) -> Correction {
    Correction {
        id: c.id.to_string(),
        created_at: c.created_at,
        text: c.text,
        status: match c.status.as_str() {
            "corrected" => CorrectionStatusDto::Corrected,
            "declined" => CorrectionStatusDto::Declined,
            _ => CorrectionStatusDto::Open,
        },
        answer: c.answer,
        answered_at: c.answered_at,
    }
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct CorrectionRequestBody {
    /// Required: what is wrong, and what it should say (up to 2,000 characters).
    pub text: Option<Str>,
}

#[derive(ApiResponse)]
pub enum CorrectionCreated {
    #[oai(status = 201)]
    Created(Json<Correction>),
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct EraseRequest {
    /// Must be true: the person confirmed on the screen that explains what goes and what stays.
    pub confirm: Option<bool>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct ErasedBody {
    pub medications: u64,
    pub allergies: u64,
    /// Days on which facilities sent data, as recorded.
    pub visits: u64,
}

/// Fields the spec marks optional so that a caller who is not signed in
/// hears 401 before anything about the body; they are required all the same.
fn required(field: &'static str) -> ApiError {
    ApiError::invalid(&crate::domain::Invalid::one(field, crate::domain::FieldErrorCode::Required))
}

fn day(state: &AppState) -> String {
    crate::domain::japan_time::day(state.clock.now()).to_string()
}

#[OpenApi(tag = "ApiTags::Consents")]
impl ConsentsApi {
    /// The signed-in person's consents: each network's state, the whole history, and networks to join
    #[oai(path = "/me/consents", method = "get", operation_id = "getMyConsents")]
    async fn overview(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<ConsentOverview>, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let o = consents::overview(&state, &actor).await?;
        Ok(Json(ConsentOverview {
            memberships: o
                .memberships
                .into_iter()
                .map(|m| MembershipBody {
                    network: network(m.network),
                    state: if m.withdrawn_at.is_some() { MembershipState::Withdrawn } else { MembershipState::Joined },
                    consent_id: m.consent_id.to_string(),
                    joined_at: m.joined_at,
                    withdrawn_at: m.withdrawn_at,
                    agreed_version: m.agreed_version,
                    reconsent_version: m.reconsent_version,
                })
                .collect(),
            history: o.history.into_iter().map(history_item).collect(),
            joinable: o
                .joinable
                .into_iter()
                .map(|j| JoinableNetwork { network: network(j.network), version: j.version })
                .collect(),
        }))
    }

    /// Agree to a network's consent document in force: join (or re-join), or renew after a new version
    ///
    /// 409 `consent_version_stale` when `version` is not the one in force
    /// (`currentVersion` says which is); 409 `already_joined` when agreed already.
    #[oai(path = "/me/networks/:code/consent", method = "post", operation_id = "agreeToConsent")]
    async fn agree(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        code: Path<String>,
        body: Json<AgreeRequest>,
    ) -> Result<
        Json<AgreedBody>,
        Refusal<{ can::BODY | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::CONFLICT | can::INVALID }>,
    > {
        let actor = who.0;
        // Who may comes before what was sent: a proxy without the level learns that first.
        session::allowed(&actor, Operation::ManageOwnConsent)?;
        let version = body.version.ok_or_else(|| required("version"))?;
        let a = consents::agree(&state, &actor, Channel::Web, &code, version).await?;
        Ok(Json(AgreedBody {
            outcome: match a.agreement {
                Agreement::Join => AgreementKind::Joined,
                Agreement::Renew => AgreementKind::Renewed,
            },
            consent_id: a.consent_id.to_string(),
            version: a.version,
            at: a.at,
            receipt_mailed: a.receipt_mailed,
        }))
    }

    /// Withdraw from a network, effective at once; a receipt is mailed
    ///
    /// 409 `not_joined`, `already_withdrawn`, or `consent_changed` (the page's
    /// consent is not the one in force any more).
    #[oai(path = "/me/networks/:code/withdraw", method = "post", operation_id = "withdrawConsent")]
    async fn withdraw(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        code: Path<String>,
        body: Json<WithdrawRequest>,
    ) -> Result<
        Json<WithdrawnBody>,
        Refusal<{ can::BODY | can::PARAMS | can::RESIDENT | can::NOT_FOUND | can::CONFLICT | can::INVALID }>,
    > {
        let actor = who.0;
        session::allowed(&actor, Operation::ManageOwnConsent)?;
        let shown = body.consent_id.as_deref().ok_or_else(|| required("consentId"))?;
        // A consent id that is not even a UUID cannot be the one in force.
        let shown = uuid::Uuid::parse_str(shown).unwrap_or_else(|_| uuid::Uuid::nil());
        let w = consents::withdraw(&state, &actor, Channel::Web, &code, Some(shown)).await?;
        Ok(Json(WithdrawnBody {
            consent_id: w.consent_id.to_string(),
            network: network(w.network),
            at: w.at,
            receipt_mailed: w.receipt_mailed,
        }))
    }

    /// One version of a network's consent document, as it was shown
    #[oai(
        path = "/networks/:code/consent/versions/:version",
        method = "get",
        operation_id = "getConsentDocumentVersion"
    )]
    async fn version(
        &self,
        state: Data<&AppState>,
        code: Path<String>,
        version: Path<i32>,
    ) -> Result<Json<ConsentDocument>, Refusal<{ can::PARAMS | can::NOT_FOUND }>> {
        let d = consent_documents::version(&state, &Actor::Anonymous, &code, *version).await?;
        Ok(Json(consent_dto(code.to_lowercase(), d)))
    }

    /// Download everything held about oneself (JSON)
    #[oai(path = "/me/export", method = "get", operation_id = "exportMyData")]
    async fn export_json(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<DownloadResponse, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let doc = data_rights::export_json(&state, &actor).await?;
        Ok(DownloadResponse::Ok(Json(doc), format!("attachment; filename=\"renkei-all-{}.json\"", day(&state))))
    }

    /// Download everything held about oneself (FHIR R4 Bundle with Consent and AuditEvent)
    #[oai(path = "/me/export/fhir", method = "get", operation_id = "exportMyDataFhir")]
    async fn export_fhir(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<FhirDownloadResponse, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let bundle = data_rights::export_fhir(&state, &actor).await?;
        Ok(FhirDownloadResponse::Ok(
            Json(bundle),
            format!("attachment; filename=\"renkei-all-{}.fhir.json\"", day(&state)),
        ))
    }

    /// One's correction requests and the network office's answers, newest first
    #[oai(path = "/me/corrections", method = "get", operation_id = "getMyCorrections")]
    async fn corrections(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<Vec<Correction>>, Refusal<{ can::RESIDENT }>> {
        let actor = who.0;
        let list = data_rights::my_corrections(&state, &actor).await?;
        Ok(Json(list.into_iter().map(correction).collect()))
    }

    /// Ask the network office to correct something held about oneself
    #[oai(path = "/me/corrections", method = "post", operation_id = "requestCorrection")]
    async fn request_correction(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<CorrectionRequestBody>,
    ) -> Result<CorrectionCreated, Refusal<{ can::BODY | can::RESIDENT | can::INVALID }>> {
        let actor = who.0;
        let c = data_rights::request_correction(&state, &actor, body.text.as_deref().unwrap_or("")).await?;
        Ok(CorrectionCreated::Created(Json(correction(c))))
    }

    /// Erase one's medication and allergy data, after withdrawing from every network
    ///
    /// 409 `still_joined` while a consent is in force. The audit log keeps its
    /// entries, reduced to when, who, what and which facility.
    #[oai(path = "/me/medical-data/erase", method = "post", operation_id = "eraseMyMedicalData")]
    async fn erase(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<EraseRequest>,
    ) -> Result<Json<ErasedBody>, Refusal<{ can::BODY | can::RESIDENT | can::CONFLICT | can::INVALID }>> {
        let actor = who.0;
        session::allowed(&actor, Operation::EraseOwnMedicalData)?;
        if body.confirm != Some(true) {
            return Err(required("confirm").into());
        }
        let e = data_rights::erase_medical_data(&state, &actor).await?;
        Ok(Json(ErasedBody { medications: e.medications, allergies: e.allergies, visits: e.visits }))
    }
}
