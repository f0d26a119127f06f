//! The contract's closed sets of words (sex, relationship, level, ...): each
//! is a named schema with its values listed, so the spec, and the clients
//! generated from it, know them, instead of prose the web app declared again
//! by hand. A request may still send any string: the service judges it and
//! answers 422 naming the field, as for every other rule of the input.

use std::borrow::Cow;
use std::marker::PhantomData;

use poem_openapi::registry::{MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{ParseError, ParseFromJSON, ParseResult, ToJSON, Type};
use serde_json::Value;

use crate::domain::{audit, fhir, jahis, looking, medication, person, proxy, registration, staff, summary};

/// A closed set: its schema's name, description and values.
pub trait Set: Send + Sync + 'static {
    const NAME: &'static str;
    const DESCRIPTION: &'static str;
    fn values() -> Vec<&'static str>;
}

/// A word of the set `S`.
pub struct OneOf<S>(String, PhantomData<S>);

impl<S> OneOf<S> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<S> std::ops::Deref for OneOf<S> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<S> From<String> for OneOf<S> {
    fn from(s: String) -> Self {
        OneOf(s, PhantomData)
    }
}

impl<S> From<&str> for OneOf<S> {
    fn from(s: &str) -> Self {
        OneOf(s.to_owned(), PhantomData)
    }
}

impl<S> Clone for OneOf<S> {
    fn clone(&self) -> Self {
        OneOf(self.0.clone(), PhantomData)
    }
}

impl<S> std::fmt::Debug for OneOf<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<S> PartialEq for OneOf<S> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<S> Eq for OneOf<S> {}

impl<S: Set> Type for OneOf<S> {
    const IS_REQUIRED: bool = true;
    type RawValueType = String;
    type RawElementValueType = String;

    fn name() -> Cow<'static, str> {
        S::NAME.into()
    }

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Reference(S::NAME.to_owned())
    }

    fn register(registry: &mut Registry) {
        registry.create_schema::<Self, _>(S::NAME.to_owned(), |_| MetaSchema {
            description: Some(S::DESCRIPTION),
            enum_items: S::values().into_iter().map(Value::from).collect(),
            ..MetaSchema::new("string")
        });
    }

    fn as_raw_value(&self) -> Option<&String> {
        Some(&self.0)
    }

    fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a String> + 'a> {
        Box::new(self.as_raw_value().into_iter())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<S: Set> ParseFromJSON for OneOf<S> {
    fn parse_from_json(value: Option<Value>) -> ParseResult<Self> {
        match value.unwrap_or_default() {
            Value::String(s) => Ok(s.into()),
            other => Err(ParseError::expected_type(other)),
        }
    }
}

impl<S: Set> ToJSON for OneOf<S> {
    fn to_json(&self) -> Option<Value> {
        Some(Value::String(self.0.clone()))
    }
}

macro_rules! set {
    ($(#[doc = $doc:literal])* $name:ident = $values:expr) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl Set for $name {
            const NAME: &'static str = stringify!($name);
            const DESCRIPTION: &'static str = concat!($($doc, "\n"),*);
            fn values() -> Vec<&'static str> {
                $values
            }
        }
    };
}

set! {
    /// The sex on the insurance card.
    Sex = vec![person::Sex::Female.as_str(), person::Sex::Male.as_str()]
}
set! {
    /// The insurance document the numbers are read from: the マイナ保険証
    /// (`my_number_card`), 資格確認書 (`qualification_certificate`), an
    /// old health insurance card (`old_card`), or 後期高齢者医療 (`late_elderly`).
    DocumentKind = registration::InsuranceDocument::ALL.iter().map(|d| d.as_str()).collect()
}
set! {
    /// A proxy's relationship to the person.
    Relationship = proxy::Relationship::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// Why a person does not register themselves (a registration by family or on paper).
    ProxyReason = proxy::Reason::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// What the family member registering a person attests.
    Attestation = proxy::Attestation::ALL.iter().map(|a| a.as_str()).collect()
}
set! {
    /// What a proxy may do: `view` (read only) or `manage` (act as the person, within the rules).
    ProxyLevel = proxy::Level::ALL.iter().map(|l| l.as_str()).collect()
}
set! {
    /// How a proxy link was made: the proxy registered the person (`registration`) or was invited.
    LinkVia = proxy::Via::ALL.iter().map(|v| v.as_str()).collect()
}
set! {
    /// Where a consent was given or withdrawn: the web app (`web`) or a paper form at reception (`paper`).
    ConsentChannel = vec![audit::Channel::Web.as_str(), audit::Channel::Paper.as_str()]
}
set! {
    /// A staff member's role.
    StaffRole = staff::Role::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// What a paper form entered: a registration or a withdrawal.
    EntryKind = staff::EntryKind::ALL.iter().map(|k| k.as_str()).collect()
}
set! {
    /// A proxy link's state.
    LinkStatus = proxy::LinkState::ALL.iter().map(|s| s.as_str()).collect()
}
set! {
    /// Whether an active proxy link lets the proxy act: `confirmed`;
    /// `unconfirmed` (made by the proxy registering the person online, it
    /// waits for the person, reception or the network office to confirm it);
    /// `review_due` (past its review date: paused until confirmed again).
    LinkStanding = proxy::Standing::ALL.iter().map(|s| s.as_str()).collect()
}
set! {
    /// What confirmed a proxy link: the person agreed (`person_agreed`), a
    /// legal representative's documents (`legal_representative`), or
    /// reception checked both people (`reception_verified`).
    LinkBasis = proxy::Basis::ALL.iter().map(|b| b.as_str()).collect()
}
set! {
    /// An invitation's state.
    InvitationStatus = [
        proxy::InvitationState::Open,
        proxy::InvitationState::Accepted,
        proxy::InvitationState::Cancelled,
        proxy::InvitationState::Expired,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect()
}

set! {
    /// How a medicine was recorded: `request` (prescribed), `dispense`
    /// (handed over), `statement` (reported as taken).
    MedicineKind = medication::MedicationKind::ALL.iter().map(|k| k.as_str()).collect()
}
set! {
    /// What a medicine and an allergy are compared by: `code` (the same
    /// ingredient and route by drug code) or `name` (a word of the allergy's
    /// text in the medicine's name).
    MatchBasis = summary::MatchBasis::ALL.iter().map(|b| b.as_str()).collect()
}
set! {
    /// A safety flag: `duplicate` (the same ingredient by the same route
    /// from two facilities at once) or `allergy` (a current medicine matching
    /// a recorded allergy or contraindication).
    SafetyFlagKind = vec!["duplicate", "allergy"]
}
set! {
    /// The identity document reception checked at the desk.
    IdentityDocument = staff::IDENTITY_DOCUMENTS.to_vec()
}
set! {
    /// Why medication-notebook (JAHIS) data could not be read.
    JahisProblem = jahis::JahisErrorCode::ALL.iter().map(|c| c.as_str()).collect()
}
set! {
    /// What became of one record of the data (the intake's stable reasons, docs/intake.md).
    IntakeOutcome = fhir::Reason::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// A record of medication-notebook data: a medicine or an allergy.
    JahisItemKind = vec!["medication", "allergy"]
}
set! {
    /// An OperationOutcome issue's severity (FHIR R4 `issue-severity`).
    IssueSeverity = vec!["fatal", "error", "warning", "information"]
}
set! {
    /// The type of the Bundle that answers a submitted one.
    ResponseBundleType = vec!["transaction-response", "batch-response"]
}

set! {
    /// A part of a person's record, as a facility's staff see it.
    RecordPart = looking::Part::ALL.iter().map(|p| p.as_str()).collect()
}
set! {
    /// Why a staff member opened a record in an emergency: `emergency_transport`
    /// (救急搬送), `cannot_consent`, or `other` (with a written reason).
    EmergencyReason = looking::EmergencyReason::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// The network office's finding on an emergency access.
    ReviewOutcome = looking::ReviewOutcome::ALL.iter().map(|r| r.as_str()).collect()
}
set! {
    /// What lets a facility look: it sent data (`sent_data`), the person
    /// presented at its desk, or showed their registration QR there; or an
    /// emergency access.
    RelationshipBasis = looking::Basis::ALL
        .iter()
        .map(|b| b.as_str())
        .chain([crate::service::my_access::EMERGENCY_BASIS])
        .collect()
}
set! {
    /// What an entry of a person's access record says happened.
    AccessAction = audit::ACCESS_RECORD.iter().map(|a| a.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_names_its_values_once() {
        for values in [
            Sex::values(),
            DocumentKind::values(),
            Relationship::values(),
            ProxyReason::values(),
            Attestation::values(),
            ProxyLevel::values(),
            LinkVia::values(),
            ConsentChannel::values(),
            StaffRole::values(),
            EntryKind::values(),
            LinkStatus::values(),
            LinkStanding::values(),
            LinkBasis::values(),
            InvitationStatus::values(),
            MedicineKind::values(),
            MatchBasis::values(),
            SafetyFlagKind::values(),
            IdentityDocument::values(),
            JahisProblem::values(),
            IntakeOutcome::values(),
            JahisItemKind::values(),
            IssueSeverity::values(),
            ResponseBundleType::values(),
            RecordPart::values(),
            EmergencyReason::values(),
            ReviewOutcome::values(),
            RelationshipBasis::values(),
            AccessAction::values(),
        ] {
            let mut unique = values.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), values.len(), "{values:?}");
            assert!(!values.is_empty());
        }
        assert_eq!(Relationship::values()[0], "child");
    }
}
