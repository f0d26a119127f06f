//! A person's insurance over time. Numbers change with a new job, with
//! retirement to 国民健康保険, and for everyone at 75 with the move to
//! 後期高齢者医療 (from the 75th birthday itself, 高齢者の医療の確保に関する法律
//! 第50条・第52条). A new insurance is added with the day it starts; the one it
//! replaces ends the day before and is kept, so data dated while it was
//! valid still names the person by it.

use chrono::{Datelike, Duration, NaiveDate};

use super::insurance::InsuranceId;
use super::person::parse_date;
use super::registration::InsuranceDocument;
use super::{FieldErrorCode, Invalid, Validator};

/// How far ahead a new insurance may start: a card arrives some weeks before
/// it is valid (the 後期高齢者 card about a month before the birthday).
pub const MAX_DAYS_AHEAD: i64 = 183;

/// How long before the 75th birthday the person is reminded to add the new card.
pub const REMINDER_DAYS_BEFORE: i64 = 30;

/// A new insurance as typed, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct NewInsuranceInput<'a> {
    pub document: &'a str,
    pub insurer_number: &'a str,
    pub symbol: &'a str,
    pub number: &'a str,
    pub branch: Option<&'a str>,
    /// The first day it is valid (資格取得日, on the card or the notice); may
    /// be empty for a person's first insurance (numbers given after
    /// registering with a マイナ保険証): then valid as far back as needed.
    pub starts_on: &'a str,
}

/// A new insurance, checked as registration checks one, with its first day.
#[derive(Clone, PartialEq, Eq)]
pub struct NewInsurance {
    pub document: InsuranceDocument,
    pub insurance: InsuranceId,
    /// None for a first insurance given without a first day.
    pub starts_on: Option<NaiveDate>,
}

impl std::fmt::Debug for NewInsurance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewInsurance(<personal data>)")
    }
}

impl NewInsurance {
    /// The same checks as at registration (check digit, 後期高齢者 insurer
    /// numbers beginning 39), and a first day neither before the person was
    /// born nor more than [`MAX_DAYS_AHEAD`] days from `today`.
    /// `first`: the person has no insurance on record yet (registered with
    /// a マイナ保険証 and its numbers later), when the first day may be left out.
    pub fn parse(
        input: &NewInsuranceInput<'_>,
        birth_date: NaiveDate,
        today: NaiveDate,
        first: bool,
    ) -> Result<Self, Invalid> {
        let mut v = Validator::new();
        let document = v.check("documentKind", InsuranceDocument::parse(input.document));
        let insurance = v.merge(InsuranceId::parse(input.insurer_number, input.symbol, input.number, input.branch));
        let starts_on = if first && super::text::normalize(input.starts_on).trim().is_empty() {
            Some(None)
        } else {
            v.check(
                "startsOn",
                parse_date(input.starts_on).and_then(|d| {
                    if d < birth_date || d > today + Duration::days(MAX_DAYS_AHEAD) {
                        Err(FieldErrorCode::OutOfRange)
                    } else {
                        Ok(Some(d))
                    }
                }),
            )
        };
        if let (Some(InsuranceDocument::LateElderly), Some(ins)) = (document, &insurance)
            && !ins.insurer.is_late_elderly()
        {
            v.push("insurerNumber", FieldErrorCode::InvalidFormat);
        }
        v.finish()?;
        match (document, insurance, starts_on) {
            (Some(document), Some(insurance), Some(starts_on)) => Ok(Self { document, insurance, starts_on }),
            _ => Err(Invalid::default()),
        }
    }
}

/// One insurance a person holds or held, as the plan below sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held<Id> {
    pub id: Id,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    /// The new insurance is the same card (insurer, symbol, number, and branch when both have one).
    pub same_card: bool,
}

/// Why a new insurance does not fit the person's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Misfit {
    /// The same card is on record and valid on the new first day or later.
    AlreadyHeld,
    /// The new first day is not after the first day of an insurance on
    /// record (or within one that has ended): history is added to, never
    /// rewritten.
    StartsTooEarly,
}

impl Misfit {
    /// The field and code a person is shown.
    pub fn field_error(self) -> (&'static str, FieldErrorCode) {
        match self {
            Self::AlreadyHeld => ("number", FieldErrorCode::AlreadyExists),
            Self::StartsTooEarly => ("startsOn", FieldErrorCode::OutOfRange),
        }
    }
}

/// Where a new insurance starting on `starts_on` goes: the insurance in force
/// (no last day) ends the day before; an insurance on record is never
/// changed otherwise. Returns the ids to end. Without a first day (only for
/// a person's first insurance) nothing ends.
pub fn plan<Id: Clone>(held: &[Held<Id>], starts_on: Option<NaiveDate>) -> Result<Vec<Id>, Misfit> {
    let Some(starts_on) = starts_on else {
        return if held.is_empty() { Ok(Vec::new()) } else { Err(Misfit::StartsTooEarly) };
    };
    if held.iter().any(|h| h.same_card && h.valid_to.is_none_or(|to| to >= starts_on)) {
        return Err(Misfit::AlreadyHeld);
    }
    let too_early = held
        .iter()
        .any(|h| h.valid_from.is_some_and(|from| from >= starts_on) || h.valid_to.is_some_and(|to| to >= starts_on));
    if too_early {
        return Err(Misfit::StartsTooEarly);
    }
    Ok(held.iter().filter(|h| h.valid_to.is_none()).map(|h| h.id.clone()).collect())
}

/// The day a person born on `birth_date` turns 75, when 後期高齢者医療 begins
/// for them. Someone born on 29 February turns 75 on 1 March in a year
/// without one.
pub fn seventy_fifth_birthday(birth_date: NaiveDate) -> NaiveDate {
    let year = birth_date.year() + 75;
    NaiveDate::from_ymd_opt(year, birth_date.month(), birth_date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(birth_date)
}

/// One insurance on record, as the 75th-birthday rule reads it.
#[derive(Debug, Clone, Copy)]
pub struct OnRecord<'a> {
    pub document: &'a str,
    pub insurer_number: &'a str,
    pub valid_to: Option<NaiveDate>,
}

/// Whether the person holds a 後期高齢者 insurance: one given as that
/// document and valid on `day` or later, or one in force whose insurer is a
/// 後期高齢者医療広域連合 (scheme 39).
pub fn holds_late_elderly(held: &[OnRecord<'_>], day: NaiveDate) -> bool {
    held.iter().any(|i| {
        (i.document == InsuranceDocument::LateElderly.as_str() && i.valid_to.is_none_or(|to| to >= day))
            || (i.valid_to.is_none()
                && super::insurance::InsurerNumber::parse(i.insurer_number).is_ok_and(|n| n.is_late_elderly()))
    })
}

/// Whether a person should be reminded today to add their 後期高齢者 card:
/// from [`REMINDER_DAYS_BEFORE`] days before the 75th birthday until 90 days
/// after it, unless they hold a 後期高齢者 insurance valid from it (or
/// earlier: someone with a disability may join from 65).
pub fn late_elderly_due(birth_date: NaiveDate, today: NaiveDate, holds_late_elderly: bool) -> Option<NaiveDate> {
    let birthday = seventy_fifth_birthday(birth_date);
    let window = (birthday - Duration::days(REMINDER_DAYS_BEFORE))..=(birthday + Duration::days(90));
    (window.contains(&today) && !holds_late_elderly).then_some(birthday)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn held(id: u32, from: Option<NaiveDate>, to: Option<NaiveDate>, same_card: bool) -> Held<u32> {
        Held { id, valid_from: from, valid_to: to, same_card }
    }

    #[test]
    fn a_new_insurance_ends_the_one_in_force() {
        let h = [held(1, None, None, false)];
        assert_eq!(plan(&h, Some(ymd(2026, 4, 1))), Ok(vec![1]));
        let h = [held(1, None, Some(ymd(2026, 3, 31)), false), held(2, Some(ymd(2026, 4, 1)), None, false)];
        assert_eq!(plan(&h, Some(ymd(2027, 1, 1))), Ok(vec![2]));
    }

    #[test]
    fn history_is_added_to_never_rewritten() {
        let h = [held(1, None, Some(ymd(2026, 3, 31)), false), held(2, Some(ymd(2026, 4, 1)), None, false)];
        assert_eq!(plan(&h, Some(ymd(2026, 4, 1))), Err(Misfit::StartsTooEarly), "the same first day");
        assert_eq!(plan(&h, Some(ymd(2026, 2, 1))), Err(Misfit::StartsTooEarly), "within an ended one");
    }

    #[test]
    fn the_same_card_again_is_refused_while_it_is_valid() {
        let h = [held(1, None, None, true)];
        assert_eq!(plan(&h, Some(ymd(2026, 4, 1))), Err(Misfit::AlreadyHeld));
        // A card that ended may come back later (a return to a former employer's insurance).
        let h = [held(1, None, Some(ymd(2025, 3, 31)), true), held(2, Some(ymd(2025, 4, 1)), None, false)];
        assert_eq!(plan(&h, Some(ymd(2026, 4, 1))), Ok(vec![2]));
    }

    fn insurer(payload: &str) -> String {
        let digits: Vec<u8> = payload.bytes().map(|b| b - b'0').collect();
        format!("{payload}{}", super::super::insurance::check_digit(&digits))
    }

    #[test]
    fn the_first_day_is_checked() {
        let born = ymd(1951, 6, 10);
        let today = ymd(2026, 5, 1);
        let late = insurer("3914201");
        let input = |starts_on| NewInsuranceInput {
            document: "late_elderly",
            insurer_number: &late,
            symbol: "",
            number: "12345678",
            branch: None,
            starts_on,
        };
        let ok = NewInsurance::parse(&input("2026-06-10"), born, today, false).unwrap();
        assert_eq!(ok.starts_on, Some(ymd(2026, 6, 10)));
        assert_eq!(
            NewInsurance::parse(&input("令和8年6月10日"), born, today, false).unwrap().starts_on,
            Some(ymd(2026, 6, 10))
        );
        // A first insurance may leave its first day out; a later one may not.
        assert_eq!(NewInsurance::parse(&input(""), born, today, true).unwrap().starts_on, None);
        assert_eq!(plan::<u32>(&[], None), Ok(vec![]));
        assert_eq!(plan(&[held(1, None, None, false)], None), Err(Misfit::StartsTooEarly));
        for (bad, code) in [
            ("", FieldErrorCode::Required),
            ("2026-13-01", FieldErrorCode::InvalidFormat),
            ("1950-01-01", FieldErrorCode::OutOfRange),
            ("2027-01-01", FieldErrorCode::OutOfRange),
        ] {
            let e = NewInsurance::parse(&input(bad), born, today, false).unwrap_err();
            assert!(e.0.iter().any(|f| f.field == "startsOn" && f.code == code), "{bad}: {e:?}");
        }
        let employer = insurer("0613992");
        let wrong = NewInsuranceInput { insurer_number: &employer, ..input("2026-06-10") };
        let e = NewInsurance::parse(&wrong, born, today, false).unwrap_err();
        assert!(e.0.iter().any(|f| f.field == "insurerNumber"), "{e:?}");
        let right = NewInsuranceInput { document: "qualification_certificate", symbol: "12", ..wrong };
        assert!(NewInsurance::parse(&right, born, today, false).is_ok());
    }

    #[test]
    fn the_seventy_fifth_birthday_and_its_reminder() {
        assert_eq!(seventy_fifth_birthday(ymd(1951, 6, 10)), ymd(2026, 6, 10));
        assert_eq!(seventy_fifth_birthday(ymd(1952, 2, 29)), ymd(2027, 3, 1));
        let born = ymd(1951, 6, 10);
        assert_eq!(late_elderly_due(born, ymd(2026, 5, 10), false), None, "31 days before");
        assert_eq!(late_elderly_due(born, ymd(2026, 5, 11), false), Some(ymd(2026, 6, 10)));
        assert_eq!(late_elderly_due(born, ymd(2026, 9, 8), false), Some(ymd(2026, 6, 10)));
        assert_eq!(late_elderly_due(born, ymd(2026, 9, 9), false), None, "91 days after");
        assert_eq!(late_elderly_due(born, ymd(2026, 6, 1), true), None, "added already");
    }
}
