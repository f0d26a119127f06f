//! Combining two records the network office has found to be one person
//! (someone who registered online without their insurance numbers and was
//! entered again from a paper form with them, say). One record is kept, the
//! other is retired: everything it holds moves to the kept one, its
//! registration number still finds the person, and the audit log's entries
//! about it stay the person's. The rules for what goes on where both records
//! hold the same kind of thing are here.

use chrono::NaiveDate;

/// Why two records are not combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("these are the same record")]
    SameRecord,
    /// The retired record's number was combined into another already.
    #[error("that record has been combined into another already")]
    AlreadyCombined,
    /// Two records with different birth dates are two people, or one has a
    /// mistake: reception corrects it (with the identity document) first.
    #[error("the birth dates differ: correct the wrong record first")]
    BirthDateDiffers,
    #[error("the sexes differ: correct the wrong record first")]
    SexDiffers,
}

/// What the rule compares of each record.
#[derive(Debug, Clone, Copy)]
pub struct Person<'a> {
    pub birth_date: NaiveDate,
    pub sex: &'a str,
}

/// Whether the office may combine `retired` into `kept`. Names may differ
/// (a reading in Latin letters beside one in kana, a name changed at
/// marriage); the birth date and sex must agree.
pub fn may_combine(retired: Person<'_>, kept: Person<'_>) -> Result<(), Refusal> {
    if retired.birth_date != kept.birth_date {
        return Err(Refusal::BirthDateDiffers);
    }
    if retired.sex != kept.sex {
        return Err(Refusal::SexDiffers);
    }
    Ok(())
}

/// A proxy link as the rule for two links between the same two people sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub confirmed: bool,
    pub manage: bool,
}

/// Of two active links between the same proxy and person (one each record
/// had), whether the retired record's goes on rather than the kept one's:
/// only when it is confirmed and the other is not, or it is at the manage
/// level and the other, as confirmed, is not. The other link ends.
pub fn retired_link_goes_on(retired: Link, kept: Link) -> bool {
    (retired.confirmed, retired.manage) > (kept.confirmed, kept.manage)
}

/// A card both records hold: one row goes on, valid over both rows' days
/// (no first day, or no last day, where either has none).
pub fn widened(
    kept: (Option<NaiveDate>, Option<NaiveDate>),
    retired: (Option<NaiveDate>, Option<NaiveDate>),
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from = match (kept.0, retired.0) {
        (Some(a), Some(b)) => Some(a.min(b)),
        _ => None,
    };
    let to = match (kept.1, retired.1) {
        (Some(a), Some(b)) => Some(a.max(b)),
        _ => None,
    };
    (from, to)
}

/// A contact detail of the combined record: the kept record's, or the
/// retired one's where the kept record has none.
pub fn filled<T: Clone>(kept: &Option<T>, retired: &Option<T>) -> Option<T> {
    kept.clone().or_else(|| retired.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn only_the_same_birth_date_and_sex_combine() {
        let a = Person { birth_date: d(1950, 4, 1), sex: "female" };
        assert_eq!(may_combine(a, a), Ok(()));
        assert_eq!(may_combine(a, Person { birth_date: d(1950, 4, 2), ..a }), Err(Refusal::BirthDateDiffers));
        assert_eq!(may_combine(a, Person { sex: "male", ..a }), Err(Refusal::SexDiffers));
    }

    #[test]
    fn the_kept_records_link_goes_on_unless_the_retired_one_is_stronger() {
        let l = |confirmed, manage| Link { confirmed, manage };
        assert!(!retired_link_goes_on(l(true, true), l(true, true)), "a tie keeps the kept record's");
        assert!(retired_link_goes_on(l(true, false), l(false, true)), "confirmed beats unconfirmed");
        assert!(!retired_link_goes_on(l(false, true), l(true, false)));
        assert!(retired_link_goes_on(l(true, true), l(true, false)), "manage beats view, as confirmed");
        assert!(!retired_link_goes_on(l(false, false), l(false, true)));
    }

    #[test]
    fn a_card_on_both_records_covers_both_periods() {
        assert_eq!(
            widened((Some(d(2024, 1, 1)), None), (Some(d(2023, 1, 1)), Some(d(2024, 5, 1)))),
            (Some(d(2023, 1, 1)), None)
        );
        assert_eq!(
            widened((None, Some(d(2024, 1, 1))), (Some(d(2023, 1, 1)), Some(d(2025, 1, 1)))),
            (None, Some(d(2025, 1, 1)))
        );
    }

    #[test]
    fn the_kept_records_contact_wins() {
        assert_eq!(filled(&Some(1), &Some(2)), Some(1));
        assert_eq!(filled(&None, &Some(2)), Some(2));
        assert_eq!(filled::<i32>(&None, &None), None);
    }
}
