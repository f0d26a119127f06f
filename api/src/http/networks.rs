use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::Json;
use poem_openapi::{Enum, Object, OpenApi};

use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::domain::facility::FacilityKind;
use crate::service::consent_documents;
use crate::service::networks::{self, FacilitySummary, NetworkSummary};
use crate::state::AppState;
use crate::store::entity::consent_document::Model as ConsentDocumentModel;

pub struct NetworksApi;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[oai(rename_all = "snake_case")]
pub enum FacilityKindDto {
    Hospital,
    Clinic,
    DentalClinic,
    Pharmacy,
    VisitingNursingStation,
    CareProvider,
}

impl From<FacilityKind> for FacilityKindDto {
    fn from(k: FacilityKind) -> Self {
        match k {
            FacilityKind::Hospital => Self::Hospital,
            FacilityKind::Clinic => Self::Clinic,
            FacilityKind::DentalClinic => Self::DentalClinic,
            FacilityKind::Pharmacy => Self::Pharmacy,
            FacilityKind::VisitingNursingStation => Self::VisitingNursingStation,
            FacilityKind::CareProvider => Self::CareProvider,
        }
    }
}

/// A network, as listed publicly.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct Network {
    /// Short stable code, e.g. `sakura`.
    pub code: String,
    /// Japanese name.
    pub name: String,
    /// English name, when the network has one.
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
    /// A demo network for trying renkei out; not a real network.
    pub demo: bool,
    pub facility_count: u64,
}

/// A participating facility.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct Facility {
    /// 10-digit facility code (医療機関コード or 事業所番号).
    pub code: String,
    pub name: String,
    #[oai(skip_serializing_if_is_none)]
    pub name_en: Option<String>,
    pub kind: FacilityKindDto,
    pub demo: bool,
}

#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct NetworkDetail {
    pub network: Network,
    pub facilities: Vec<Facility>,
}

pub(super) fn network_dto(n: NetworkSummary) -> Network {
    Network { code: n.code, name: n.name, name_en: n.name_en, demo: n.demo, facility_count: n.facility_count }
}

pub(super) fn facility_dto(f: FacilitySummary) -> Facility {
    Facility { code: f.code, name: f.name, name_en: f.name_en, kind: f.kind.into(), demo: f.demo }
}

/// One language's text of a consent document.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct ConsentText {
    pub title: String,
    /// The plain summary shown before agreeing.
    pub summary: String,
    /// The full text (plain text with Markdown-style headings).
    pub body: String,
}

/// The consent document in force for a network.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct ConsentDocument {
    pub network: String,
    /// Consent given is recorded against this exact version.
    pub version: i32,
    pub effective_at: chrono::DateTime<chrono::Utc>,
    pub requires_reconsent: bool,
    pub ja: ConsentText,
    pub en: ConsentText,
}

/// A consent document as the API shows it, for `network` (its code).
pub(super) fn consent_dto(network: String, d: ConsentDocumentModel) -> ConsentDocument {
    ConsentDocument {
        network,
        version: d.version,
        effective_at: d.effective_at,
        requires_reconsent: d.requires_reconsent,
        ja: ConsentText { title: d.title_ja, summary: d.summary_ja, body: d.body_ja },
        en: ConsentText { title: d.title_en, summary: d.summary_en, body: d.body_en },
    }
}

#[OpenApi(tag = "ApiTags::Networks")]
impl NetworksApi {
    /// The networks served here
    #[oai(path = "/networks", method = "get", operation_id = "listNetworks")]
    async fn list(&self, state: Data<&AppState>) -> Result<Json<Vec<Network>>, Refusal<{ can::ANY }>> {
        let list = networks::list_networks(&state, &Actor::Anonymous).await?;
        Ok(Json(list.into_iter().map(network_dto).collect()))
    }

    /// One network and its participating facilities
    #[oai(path = "/networks/:code", method = "get", operation_id = "getNetwork")]
    async fn get(
        &self,
        state: Data<&AppState>,
        code: Path<String>,
    ) -> Result<Json<NetworkDetail>, Refusal<{ can::PARAMS | can::NOT_FOUND }>> {
        let (n, facilities) = networks::network_detail(&state, &Actor::Anonymous, &code).await?;
        Ok(Json(NetworkDetail {
            network: network_dto(n),
            facilities: facilities.into_iter().map(facility_dto).collect(),
        }))
    }

    /// The consent document in force for a network
    ///
    /// 404 when the network is unknown or has not published one yet (then it
    /// does not take registrations).
    #[oai(path = "/networks/:code/consent", method = "get", operation_id = "getConsentDocument")]
    async fn consent(
        &self,
        state: Data<&AppState>,
        code: Path<String>,
    ) -> Result<Json<ConsentDocument>, Refusal<{ can::PARAMS | can::NOT_FOUND }>> {
        let d = consent_documents::current(&state, &Actor::Anonymous, &code).await?;
        let network = crate::domain::network::NetworkCode::parse(&code).map(|c| c.to_string()).unwrap_or_default();
        Ok(Json(consent_dto(network, d)))
    }
}
