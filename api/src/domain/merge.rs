//! Combining two records the network office has found to be one person
//! (someone who registered online without their insurance numbers and was
//! entered again from a paper form with them, say). One record is kept, the
//! other is retired: everything it holds moves to the kept one, its
//! registration number still finds the person, and the audit log's entries
//! about it stay the person's. The rules for what goes on where both records
//! hold the same kind of thing are here.

use chrono::{DateTime, NaiveDate, Utc};

/// Why two records are not combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("these are the same record")]
    SameRecord,
    /// The retired record's number was combined into another already.
    #[error("the --from record has been combined into another already")]
    AlreadyCombined,
    /// The kept record's number was combined into the retired one already.
    #[error("the --into record has been combined into the --from record already")]
    IntoAlreadyCombined,
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

/// How a consent closed by a merge is recorded (`withdrawn_channel`):
/// the other record's consent to the same network goes on.
pub const CONSENT_COMBINED: &str = "merge";
/// How a consent in force is closed when the person had withdrawn from the
/// network on the other record after giving it (their latest wish).
pub const WITHDRAWAL_CARRIED: &str = "merge_withdrawal";

/// A consent in force on one record, and the person's withdrawal from the
/// same network on the other record: whether the withdrawal carries over
/// and closes it. It does when it came after that consent was given (the
/// person's latest act for the network); a consent given after the
/// withdrawal (joining again) goes on.
pub fn withdrawal_carries_over(withdrawn_at: DateTime<Utc>, in_force_given_at: DateTime<Utc>) -> bool {
    withdrawn_at > in_force_given_at
}

/// Of the same record held on both (a JAHIS dispensing delivered to each),
/// which copy goes on: the one changed last (a correction sent to one record
/// only), the kept record's on a tie. The other's revisions go with it.
pub fn copy_goes_on(kept_updated: DateTime<Utc>, retired_updated: DateTime<Utc>) -> Side {
    if retired_updated > kept_updated { Side::Retired } else { Side::Kept }
}

/// Which of the two records a thing comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Kept,
    Retired,
}

/// Whose mail address the combined record keeps, given each record's
/// address as whether it is confirmed (`None`: no address): a confirmed
/// address over one only typed in (by reception, from a form), else the kept
/// record's. The person's confirmed address is how they sign in and recover.
pub fn address_from(kept: Option<bool>, retired: Option<bool>) -> Option<Side> {
    match (kept, retired) {
        (None, None) => None,
        (Some(_), None) => Some(Side::Kept),
        (None, Some(_)) | (Some(false), Some(true)) => Some(Side::Retired),
        (Some(_), Some(_)) => Some(Side::Kept),
    }
}

/// Whether the kept record's unused claim sheets are voided too (the
/// retired record's always are): when either record has a sign-in of its
/// own. A sheet would otherwise let whoever holds it take up the combined
/// record, replacing the person's own passkeys.
pub fn void_kept_claim_sheets(kept_signs_in: bool, retired_signs_in: bool) -> bool {
    kept_signs_in || retired_signs_in
}

/// Of two consents in force to the same network (one per record), the one
/// that goes on: the one given first, so that data dated from the person's
/// first agreement is still shared (a tie: the kept record's). The other
/// closes; its records move under the one that goes on, and its agreement
/// to a later version of the document is carried over as a renewal.
pub fn consent_goes_on(kept_given: DateTime<Utc>, retired_given: DateTime<Utc>) -> Side {
    if retired_given < kept_given { Side::Retired } else { Side::Kept }
}

/// A facility's live relationship with one record, where the person (or a
/// proxy) had stopped that facility on the other record at `stopped_at`:
/// whether the stop carries over and ends it. It does unless the person
/// showed the facility their QR after the stop (the one way a stopped
/// facility may look again).
pub fn stop_carries_over(stopped_at: DateTime<Utc>, live_started_at: DateTime<Utc>, live_by_qr: bool) -> bool {
    !(live_by_qr && live_started_at > stopped_at)
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
    fn a_confirmed_address_goes_on_over_one_only_typed_in() {
        assert_eq!(address_from(Some(false), Some(true)), Some(Side::Retired));
        assert_eq!(address_from(Some(true), Some(true)), Some(Side::Kept));
        assert_eq!(address_from(Some(true), Some(false)), Some(Side::Kept));
        assert_eq!(address_from(Some(false), Some(false)), Some(Side::Kept));
        assert_eq!(address_from(None, Some(false)), Some(Side::Retired));
        assert_eq!(address_from(None, None), None);
    }

    #[test]
    fn claim_sheets_of_the_kept_record_go_when_either_record_signs_in_by_itself() {
        assert!(void_kept_claim_sheets(false, true));
        assert!(void_kept_claim_sheets(true, false));
        assert!(!void_kept_claim_sheets(false, false), "two paper records: the person may still claim");
    }

    #[test]
    fn the_consent_given_first_goes_on() {
        let t = |m: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 6, 20, m, 0).unwrap();
        assert_eq!(consent_goes_on(t(27), t(26)), Side::Retired);
        assert_eq!(consent_goes_on(t(26), t(27)), Side::Kept);
        assert_eq!(consent_goes_on(t(26), t(26)), Side::Kept);
    }

    #[test]
    fn a_stop_carries_over_unless_the_person_showed_their_qr_since() {
        let t = |m: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 6, 20, m, 0).unwrap();
        assert!(stop_carries_over(t(10), t(20), false), "data sent since does not undo a stop");
        assert!(stop_carries_over(t(10), t(5), true), "a QR shown before the stop");
        assert!(!stop_carries_over(t(10), t(20), true), "the QR shown since");
    }

    #[test]
    fn the_persons_latest_act_for_a_network_wins() {
        let t = |m: u32| chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 6, 20, m, 0).unwrap();
        assert!(withdrawal_carries_over(t(30), t(20)), "withdrew after the other consent was given");
        assert!(!withdrawal_carries_over(t(10), t(20)), "joined again after withdrawing");
        assert_eq!(copy_goes_on(t(10), t(20)), Side::Retired, "corrected on the retired record");
        assert_eq!(copy_goes_on(t(20), t(20)), Side::Kept);
    }

    #[test]
    fn the_kept_records_contact_wins() {
        assert_eq!(filled(&Some(1), &Some(2)), Some(1));
        assert_eq!(filled(&None, &Some(2)), Some(2));
        assert_eq!(filled::<i32>(&None, &None), None);
    }
}
