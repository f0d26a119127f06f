//! Before saving a form: the people registered with the same kana and birth date.

use crate::http::closed::{self, OneOf};
use crate::http::error::{Refusal, can};
use crate::http::strict::{Str, text};
use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use crate::http::session::Staff;
use crate::http::tags::ApiTags;
use crate::service::reception::{self};
use crate::state::AppState;

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DuplicateQuery {
    pub name_kana: Option<Str>,
    pub birth_date: Option<Str>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DuplicateCandidate {
    /// Partly hidden, e.g. `7K3M-****-R2`.
    pub registration_number: String,
    pub name: String,
    pub name_kana: String,
    pub birth_date: crate::http::day::Day,
    pub registered_on: crate::http::day::Day,
    /// `web` or `paper`.
    pub channel: OneOf<closed::ConsentChannel>,
}

#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct Duplicates {
    pub candidates: Vec<DuplicateCandidate>,
}

pub struct DuplicatesApi;

#[OpenApi(tag = "ApiTags::Reception")]
impl DuplicatesApi {
    /// People registered with the same name (kana) and birth date, before saving a form
    #[oai(path = "/staff/duplicates", method = "post", operation_id = "findDuplicates")]
    async fn duplicates(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<DuplicateQuery>,
    ) -> Result<Json<Duplicates>, Refusal<{ can::BODY | can::STAFF | can::INVALID | can::RATE }>> {
        let Staff(_, actor) = staff;
        let found = reception::duplicates(&state, &actor, text(&body.name_kana), text(&body.birth_date)).await?;
        Ok(Json(Duplicates {
            candidates: found
                .into_iter()
                .map(|c| DuplicateCandidate {
                    registration_number: c.registration_number,
                    name: c.name,
                    name_kana: c.name_kana,
                    birth_date: c.birth_date.into(),
                    registered_on: c.registered_on.into(),
                    channel: c.channel.into(),
                })
                .collect(),
        }))
    }
}
