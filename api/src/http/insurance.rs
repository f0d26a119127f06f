//! A person's insurance over time (`service::insurance`): the person (or a
//! manage-level proxy) sees it and adds a new one from `/me`; reception adds
//! one at the desk.

use poem::web::Data;
use poem_openapi::payload::Json;
use poem_openapi::{ApiResponse, Object, OpenApi};

use super::closed::{self, OneOf};
use super::day::Day;
use super::error::{Refusal, can};
use super::looking::{RecordLookup, who};
use super::session::{Resident, Staff};
use super::strict::{Str, text};
use super::tags::ApiTags;
use crate::domain::insurance_history::NewInsuranceInput;
use crate::domain::public_id::PublicId;
use crate::service::insurance::{self, InsuranceItem, MyInsurance};
use crate::state::AppState;

pub struct InsuranceApi;

/// A new insurance, as on the card or the 資格情報のお知らせ, and the day it starts.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct NewInsuranceBody {
    /// `my_number_card`, `qualification_certificate`, `old_card` or `late_elderly`.
    pub document_kind: OneOf<closed::DocumentKind>,
    /// 保険者番号: 6 or 8 digits; 8-digit numbers carry a check digit
    /// (後期高齢者医療: 8 digits beginning 39).
    pub insurer_number: Str,
    /// 記号 (none on a 後期高齢者 card: empty).
    pub symbol: Str,
    /// 番号.
    pub number: Str,
    /// 枝番: two digits (documents issued before 2021 have none).
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<Str>,
    /// The first day it is valid (資格取得日; for 後期高齢者医療 the 75th
    /// birthday): `2026-06-10`, `R8.6.10`, `令和8年6月10日`, … Not before the
    /// person was born, at most 183 days ahead, and after the first day of
    /// every insurance on record. The insurance in force ends the day before.
    /// May be empty for a person with no insurance on record yet (registered
    /// with `numbersLater`): then it matches data of any day.
    pub starts_on: Str,
}

impl NewInsuranceBody {
    fn input(&self) -> NewInsuranceInput<'_> {
        NewInsuranceInput {
            document: &self.document_kind,
            insurer_number: &self.insurer_number,
            symbol: &self.symbol,
            number: &self.number,
            branch: self.branch.as_deref(),
            starts_on: &self.starts_on,
        }
    }
}

/// One insurance on the person's record.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct InsuranceItemBody {
    pub id: String,
    pub document_kind: OneOf<closed::DocumentKind>,
    pub insurer_number: String,
    pub symbol: String,
    pub number: String,
    #[oai(skip_serializing_if_is_none)]
    pub branch: Option<String>,
    /// Absent for the insurance given at registration (valid from before then).
    #[oai(skip_serializing_if_is_none)]
    pub valid_from: Option<Day>,
    /// The last day it was valid; absent while it is the person's insurance.
    #[oai(skip_serializing_if_is_none)]
    pub valid_to: Option<Day>,
    /// Who added it after registration: `resident`, `proxy` or `staff`.
    #[oai(skip_serializing_if_is_none)]
    pub added_by: Option<String>,
    pub added_at: chrono::DateTime<chrono::Utc>,
}

fn item_body(i: InsuranceItem) -> InsuranceItemBody {
    InsuranceItemBody {
        id: i.id.to_string(),
        document_kind: i.document.into(),
        insurer_number: i.insurer_number,
        symbol: i.symbol,
        number: i.number,
        branch: i.branch,
        valid_from: i.valid_from.map(Day),
        valid_to: i.valid_to.map(Day),
        added_by: i.added_by,
        added_at: i.added_at,
    }
}

/// The person's insurance, newest first.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct MyInsuranceBody {
    pub items: Vec<InsuranceItemBody>,
    /// The person's 75th birthday, when 後期高齢者医療 begins for them: present
    /// from 30 days before it until 90 days after, while no 後期高齢者
    /// insurance is on record (add the new card, starting on this day).
    #[oai(skip_serializing_if_is_none)]
    pub late_elderly_from: Option<Day>,
}

fn my_body(m: MyInsurance) -> MyInsuranceBody {
    MyInsuranceBody {
        items: m.items.into_iter().map(item_body).collect(),
        late_elderly_from: m.late_elderly_from.map(Day),
    }
}

#[derive(ApiResponse)]
pub enum InsuranceAdded {
    /// Added: the person's insurance as it now stands.
    #[oai(status = 201)]
    Created(Json<MyInsuranceBody>),
}

/// Reception adds a new insurance for the person at the desk.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DeskInsuranceRequest {
    /// Whose record: their registration QR, their registration number with
    /// `birthDate`, or the insurance card on record with `birthDate`.
    pub person: RecordLookup,
    /// The identity document checked at the desk: `my_number_card`,
    /// `driver_licence`, `qualification_certificate` or `other_photo_id`.
    /// Required (absent answers `422`, as an empty one).
    #[oai(skip_serializing_if_is_none)]
    pub identity_checked: Option<OneOf<closed::IdentityDocument>>,
    pub insurance: NewInsuranceBody,
}

/// Added at the desk: whose record, to check against the person in front of you.
#[derive(Object, Debug, Clone)]
#[oai(rename_all = "camelCase")]
pub struct DeskInsuranceAdded {
    pub name: String,
    pub registration_number: String,
    /// Absent for a person's first insurance given without a first day.
    #[oai(skip_serializing_if_is_none)]
    pub starts_on: Option<Day>,
}

#[derive(ApiResponse)]
pub enum DeskAdded {
    #[oai(status = 201)]
    Created(Json<DeskInsuranceAdded>),
}

#[OpenApi]
impl InsuranceApi {
    /// The insurance on one's registration, over time
    #[oai(path = "/me/insurance", method = "get", operation_id = "getMyInsurance", tag = "ApiTags::Account")]
    async fn mine(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
    ) -> Result<Json<MyInsuranceBody>, Refusal<{ can::RESIDENT }>> {
        Ok(Json(my_body(insurance::mine(&state, &who.0).await?)))
    }

    /// Add a new insurance (a new job, 国民健康保険, 後期高齢者医療 at 75)
    ///
    /// The same checks as at registration, and the day it starts. The
    /// insurance in force ends the day before and is kept: data dated while
    /// it was valid still reaches the person under it. Numbers another
    /// registered person holds answer `409 insurance_held_by_another`
    /// (nothing is added; the network office reviews). The person is mailed.
    /// A manage-level proxy may add one for the person.
    #[oai(path = "/me/insurance", method = "post", operation_id = "addMyInsurance", tag = "ApiTags::Account")]
    async fn add(
        &self,
        state: Data<&AppState>,
        #[oai(name = "Renkei-Acting-For")] who: Resident,
        body: Json<NewInsuranceBody>,
    ) -> Result<InsuranceAdded, Refusal<{ can::BODY | can::RESIDENT | can::INVALID | can::CONFLICT | can::RATE }>> {
        let added = insurance::add_mine(&state, &who.0, &body.input()).await?;
        Ok(InsuranceAdded::Created(Json(my_body(added))))
    }

    /// Add a new insurance for the person at the desk
    ///
    /// Reception, with the person in front of them and an identity document
    /// checked (named in `identityChecked`, kept with the staff member in
    /// the person's record). The same rules as the person's own
    /// `addMyInsurance`, whether or not the person signs in themselves. Only
    /// for a person consenting in one of the facility's networks; anyone
    /// else answers `404` and counts as a failed look-up.
    #[oai(path = "/staff/insurance", method = "post", operation_id = "addInsuranceAtDesk", tag = "ApiTags::Reception")]
    async fn at_desk(
        &self,
        state: Data<&AppState>,
        staff: Staff,
        body: Json<DeskInsuranceRequest>,
    ) -> Result<
        DeskAdded,
        Refusal<{ can::BODY | can::STAFF | can::NOT_FOUND | can::INVALID | can::CONFLICT | can::RATE }>,
    > {
        let Staff(_, actor) = staff;
        let b = &body.0;
        let added = insurance::add_at_desk(
            &state,
            &actor,
            who(&b.person),
            text(&b.person.birth_date),
            b.identity_checked.as_deref().unwrap_or_default(),
            &b.insurance.input(),
        )
        .await?;
        Ok(DeskAdded::Created(Json(DeskInsuranceAdded {
            name: added.name,
            registration_number: PublicId::display_of(&added.registration_number),
            starts_on: added.starts_on.map(Day),
        })))
    }
}
