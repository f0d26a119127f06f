use crate::http::error::{Refusal, can};
use poem::web::Data;
use poem_openapi::param::Path;
use poem_openapi::payload::{Json, PlainText};
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::networks::{ConsentDocument, Facility, Network, consent_dto, facility_dto, network_dto};
use super::tags::ApiTags;
use crate::domain::actor::Actor;
use crate::service::entry_points;
use crate::state::AppState;

pub struct EntryPointsApi;

/// The entry point behind a scanned QR code.
#[derive(Object, Debug, Clone, PartialEq, Eq)]
#[oai(rename_all = "camelCase")]
pub struct EntryPoint {
    /// The code as people read it, e.g. `7K3M-QX9P-R`.
    pub code: String,
    /// False when the network office has withdrawn this code: show the
    /// network and how to reach it instead of the registration.
    pub active: bool,
    pub network: Network,
    /// The facility whose poster or leaflet carries the code, if any.
    #[oai(skip_serializing_if_is_none)]
    pub facility: Option<Facility>,
    /// The address the QR code opens.
    pub url: String,
    /// The network's consent document in force, so that the registration's
    /// first screen needs this one request. Absent when the code is
    /// withdrawn or the network has published none (then it takes no
    /// registrations online: the paper form is the way in).
    #[oai(skip_serializing_if_is_none)]
    pub consent: Option<ConsentDocument>,
}

#[derive(ApiResponse)]
pub enum QrCode {
    /// The QR code as SVG.
    #[oai(status = 200, content_type = "image/svg+xml")]
    Svg(PlainText<String>),
}

#[OpenApi(tag = "ApiTags::EntryPoints")]
impl EntryPointsApi {
    /// The entry point of a scanned code
    ///
    /// Unknown codes are 404; withdrawn codes answer with `active: false`.
    #[oai(path = "/entry-points/:code", method = "get", operation_id = "getEntryPoint")]
    async fn get(
        &self,
        state: Data<&AppState>,
        code: Path<String>,
    ) -> Result<Json<EntryPoint>, Refusal<{ can::PARAMS | can::NOT_FOUND }>> {
        let (ep, consent) = entry_points::entry_point_page(&state, &Actor::Anonymous, &code).await?;
        let consent = consent.map(|d| consent_dto(ep.network.code.clone(), d));
        Ok(Json(EntryPoint {
            consent,
            url: entry_points::url_of(&state, &ep.code),
            code: ep.code.to_string(),
            active: ep.active,
            network: network_dto(ep.network),
            facility: ep.facility.map(facility_dto),
        }))
    }

    /// The QR code of an active entry point, as SVG
    #[oai(path = "/entry-points/:code/qr.svg", method = "get", operation_id = "getEntryPointQr")]
    async fn qr(
        &self,
        state: Data<&AppState>,
        code: Path<String>,
    ) -> Result<QrCode, Refusal<{ can::PARAMS | can::NOT_FOUND }>> {
        let svg = entry_points::entry_point_qr(&state, &Actor::Anonymous, &code).await?;
        Ok(QrCode::Svg(PlainText(svg)))
    }
}
