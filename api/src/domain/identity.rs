//! One person, one renkei id (名寄せ). Whether the person registering is
//! someone renkei already knows is decided from the name in kana, the date of
//! birth and the sex, with the insurance details as supporting evidence:
//! insurance numbers change with jobs and insurers, so they never decide
//! identity on their own, and a near match goes to the network office.

use chrono::NaiveDate;

use super::insurance::InsuranceId;
use super::person::{Sex, kana_match_key};

/// What identifies a person for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub kana_key: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

impl Identity {
    pub fn new(kana: &str, birth_date: NaiveDate, sex: Sex) -> Self {
        Self { kana_key: kana_match_key(kana), birth_date, sex }
    }
}

/// Insurance details reduced to what must agree for two records to be the
/// same insured person: insurer, symbol and number, and the branch when both
/// records have one (documents issued before 2021 have none).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct InsuranceKey {
    pub insurer: String,
    pub symbol: String,
    pub number: String,
    pub branch: Option<String>,
}

impl From<&InsuranceId> for InsuranceKey {
    fn from(id: &InsuranceId) -> Self {
        Self {
            insurer: id.insurer.as_str().to_owned(),
            symbol: id.symbol.clone(),
            number: id.number.clone(),
            branch: id.branch.clone(),
        }
    }
}

impl InsuranceKey {
    pub fn agrees_with(&self, other: &InsuranceKey) -> bool {
        self.insurer == other.insurer
            && self.symbol == other.symbol
            && self.number == other.number
            && match (&self.branch, &other.branch) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// Whether one member id could name both a stored card of a person born
/// `holder_birth` and the card `key` of a person born `birth`, as matching
/// reads member ids (`service::common::people::by_insurance`): the same card,
/// unless neither has a branch and the birth dates (which then tell family
/// members on one card apart) differ. A card with a branch beside the same
/// card without one is always a conflict: data giving the branch and the
/// other's birth date would name both, and data without a birth date would
/// name the one with the branch.
pub fn could_name_both(stored: &InsuranceKey, holder_birth: NaiveDate, key: &InsuranceKey, birth: NaiveDate) -> bool {
    stored.agrees_with(key) && !(stored.branch.is_none() && key.branch.is_none() && holder_birth != birth)
}

/// A person renkei knows, as far as matching needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known<Id> {
    pub id: Id,
    pub identity: Identity,
    pub insurance: Vec<InsuranceKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<Id> {
    /// Nobody like this is known: a new person.
    New,
    /// Identity and insurance agree: the person is already registered.
    Same(Id),
    /// Something agrees and something does not (same identity with other
    /// insurance, or the same insurance with another identity): a new record,
    /// queued for the network office to review against these.
    Near(Vec<Id>),
}

/// Matches a registering person against the people who share either their
/// identity or their insurance (the caller looks those up).
///
/// Without insurance details (a person registering with a マイナ保険証 who
/// will add its numbers later), nothing confirms that the same identity is
/// the same person: a match is only ever near.
pub fn resolve<Id: Clone>(
    identity: &Identity,
    insurance: Option<&InsuranceKey>,
    candidates: &[Known<Id>],
) -> Resolution<Id> {
    let mut near = Vec::new();
    for k in candidates {
        let same_identity = k.identity == *identity;
        let same_insurance = insurance.is_some_and(|ins| k.insurance.iter().any(|i| i.agrees_with(ins)));
        match (same_identity, same_insurance) {
            (true, true) => return Resolution::Same(k.id.clone()),
            (true, false) | (false, true) => near.push(k.id.clone()),
            (false, false) => {}
        }
    }
    if near.is_empty() { Resolution::New } else { Resolution::Near(near) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn ins(number: &str, branch: Option<&str>) -> InsuranceKey {
        InsuranceKey {
            insurer: "33120015".into(),
            symbol: "12".into(),
            number: number.into(),
            branch: branch.map(Into::into),
        }
    }

    fn hanako() -> Known<u32> {
        Known {
            id: 1,
            identity: Identity::new("ヤマダ ハナコ", ymd(1950, 4, 1), Sex::Female),
            insurance: vec![ins("3456", Some("01"))],
        }
    }

    #[test]
    fn the_same_person_typed_differently_is_found() {
        let typed = Identity::new("ヤマダハナコ", ymd(1950, 4, 1), Sex::Female);
        assert_eq!(resolve(&typed, Some(&ins("3456", Some("01"))), &[hanako()]), Resolution::Same(1));
        // An older document without a branch number still agrees.
        assert_eq!(resolve(&typed, Some(&ins("3456", None)), &[hanako()]), Resolution::Same(1));
    }

    #[test]
    fn partial_agreement_goes_to_review() {
        let same_identity = Identity::new("ヤマダ ハナコ", ymd(1950, 4, 1), Sex::Female);
        assert_eq!(
            resolve(&same_identity, Some(&ins("9999", Some("01"))), &[hanako()]),
            Resolution::Near(vec![1]),
            "new insurer"
        );
        let other_person = Identity::new("ヤマダ タロウ", ymd(1948, 1, 2), Sex::Male);
        assert_eq!(
            resolve(&other_person, Some(&ins("3456", Some("01"))), &[hanako()]),
            Resolution::Near(vec![1]),
            "same card"
        );
        assert_eq!(
            resolve(&same_identity, Some(&ins("3456", Some("02"))), &[hanako()]),
            Resolution::Near(vec![1]),
            "another family member on the same card has another branch"
        );
    }

    #[test]
    fn without_insurance_the_same_identity_is_only_near() {
        let typed = Identity::new("ヤマダハナコ", ymd(1950, 4, 1), Sex::Female);
        assert_eq!(resolve(&typed, None, &[hanako()]), Resolution::Near(vec![1]));
        let other = Identity::new("スズキ イチロウ", ymd(1960, 5, 5), Sex::Male);
        assert_eq!(resolve(&other, None, &[hanako()]), Resolution::New);
    }

    #[test]
    fn one_member_id_never_names_two_people_by_a_card_added_later() {
        let (a, b) = (ymd(1950, 4, 1), ymd(1985, 8, 8));
        assert!(could_name_both(&ins("3456", Some("01")), a, &ins("3456", Some("01")), b), "the same card");
        assert!(could_name_both(&ins("3456", None), a, &ins("3456", Some("01")), b), "a branch beside none");
        assert!(could_name_both(&ins("3456", Some("01")), a, &ins("3456", None), b), "none beside a branch");
        assert!(could_name_both(&ins("3456", None), a, &ins("3456", None), a), "no branches, one birth date");
        assert!(!could_name_both(&ins("3456", None), a, &ins("3456", None), b), "a family on one old card");
        assert!(!could_name_both(&ins("3456", Some("01")), a, &ins("3456", Some("02")), a), "siblings' branches");
    }

    #[test]
    fn strangers_are_new() {
        let other = Identity::new("スズキ イチロウ", ymd(1960, 5, 5), Sex::Male);
        assert_eq!(resolve(&other, Some(&ins("1111", None)), &[hanako()]), Resolution::New);
        assert_eq!(resolve::<u32>(&other, Some(&ins("1111", None)), &[]), Resolution::New);
        let twin = Identity::new("ヤマダ ハナコ", ymd(1950, 4, 1), Sex::Male);
        assert_eq!(
            resolve(&twin, Some(&ins("7777", None)), &[hanako()]),
            Resolution::New,
            "sex differs, insurance differs"
        );
    }
}
