//! The resident's medication and allergy summary: which medicines are current,
//! what the last twelve months held, and the safety flags that no single
//! facility can see because each sees only its own prescriptions.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use super::medication::{AllergyStatus, DrugCode, MedicationKind, MedicationStatus};

/// A dispense that states no days (as-needed and external medicines) counts
/// as current for this long after it was handed over, marked as such.
pub const UNSTATED_DAYS: u32 = 30;
/// A prescription in Japan is valid for four days including the day it was
/// issued: a dispense of the same medicine within that window is the same
/// course of treatment, not a second one.
pub const PRESCRIPTION_VALID_DAYS: i64 = 4;
/// How far back the history goes.
pub const HISTORY_MONTHS: u32 = 12;

/// A stored medication record, as the summary needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicationItem {
    pub id: uuid::Uuid,
    pub kind: MedicationKind,
    pub status: MedicationStatus,
    pub code: Option<DrugCode>,
    pub name: String,
    pub date: NaiveDate,
    pub days: Option<u32>,
    /// Who sent it (shown as its source).
    pub facility: String,
    /// The prescribing facility when the record names it (JAHIS record 51).
    pub prescriber: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllergyItem {
    pub id: uuid::Uuid,
    pub status: AllergyStatus,
    pub contraindication: bool,
    pub drug_code: Option<DrugCode>,
    pub text: String,
}

impl AllergyItem {
    /// What current medicines are compared with it by: its drug code (and its
    /// words), or, without a drug code, the words of its text only, which miss
    /// a medicine named otherwise (a brand for a generic name).
    pub fn compared_by(&self) -> MatchBasis {
        if self.drug_code.is_some() { MatchBasis::Code } else { MatchBasis::Name }
    }
}

/// A medicine being taken now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub id: uuid::Uuid,
    /// The last day it covers, when known.
    pub until: Option<NaiveDate>,
    /// No duration was stated; counted as current for [`UNSTATED_DAYS`].
    pub duration_unstated: bool,
    /// The facility that prescribed it (the sender of a matching prescription,
    /// the prescriber a dispense names, or its sender).
    pub prescribed_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    /// The same ingredient by the same route (first seven YJ characters)
    /// prescribed by two or more facilities at once.
    Duplicate { ingredient_route: String, medications: Vec<uuid::Uuid>, facilities: Vec<String> },
    /// A current medicine that matches a recorded allergy or contraindication.
    AllergyMatch { medication: uuid::Uuid, allergy: uuid::Uuid, contraindication: bool, by: MatchBasis },
}

/// What an allergy match compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchBasis {
    /// The allergy's drug code and the medicine's name the same ingredient and route.
    Code,
    /// A word of the allergy's text appears in the medicine's name.
    Name,
}

impl MatchBasis {
    pub const ALL: [MatchBasis; 2] = [Self::Code, Self::Name];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Name => "name",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub current: Vec<Current>,
    /// Every medicine of the last twelve months, newest first (ids).
    pub history: Vec<uuid::Uuid>,
    pub flags: Vec<Flag>,
    /// Current medicines without a code that names their ingredient (a HOT
    /// or claims code alone, a 院内製剤 without a standard code): they were
    /// not checked for duplicates, and against allergies by name only. The
    /// summary says so rather than show them as checked.
    pub not_compared: Vec<uuid::Uuid>,
}

/// Works out the summary from a resident's records, as of `today` (in Japan).
pub fn summarise(meds: &[MedicationItem], allergies: &[AllergyItem], today: NaiveDate) -> Summary {
    let visible: Vec<&MedicationItem> =
        meds.iter().filter(|m| m.status != MedicationStatus::EnteredInError && m.date <= today).collect();

    let mut history: Vec<&MedicationItem> = visible
        .iter()
        .copied()
        .filter(|m| today.checked_sub_months(Months::new(HISTORY_MONTHS)).is_none_or(|from| m.date > from))
        .collect();
    history.sort_by(|a, b| b.date.cmp(&a.date).then(a.name.cmp(&b.name)));

    // Prescriptions already dispensed are represented by the dispense; the
    // dispense is then known to come from the prescribing facility.
    let mut fulfilled = BTreeSet::new();
    let mut prescribed_by: BTreeMap<uuid::Uuid, String> = BTreeMap::new();
    // Requests by what they prescribe, in the records' order: a dispense is
    // compared only with requests of its own medicine, so a year of records
    // costs about as many steps as it has records, not their square.
    let mut requests: HashMap<MedicineKey<'_>, Vec<&MedicationItem>> = HashMap::new();
    for r in visible.iter().filter(|r| r.kind == MedicationKind::Request) {
        if let Some(key) = r.code.as_ref().map(MedicineKey::of) {
            requests.entry(key).or_default().push(r);
        }
    }
    for d in visible.iter().filter(|m| m.kind == MedicationKind::Dispense) {
        let Some(candidates) = d.code.as_ref().and_then(|c| requests.get(&MedicineKey::of(c))) else { continue };
        let request = candidates.iter().find(|r| {
            same_medicine(r.code.as_ref(), d.code.as_ref())
                && d.date >= r.date
                && (d.date - r.date).num_days() < PRESCRIPTION_VALID_DAYS
                && !fulfilled.contains(&r.id)
        });
        if let Some(r) = request {
            fulfilled.insert(r.id);
            prescribed_by.insert(d.id, d.prescriber.clone().unwrap_or_else(|| r.facility.clone()));
        }
    }

    let mut current = Vec::new();
    for m in visible.iter().filter(|m| !fulfilled.contains(&m.id)) {
        if let Some((until, unstated)) = current_until(m, today) {
            let by = prescribed_by
                .get(&m.id)
                .cloned()
                .or_else(|| m.prescriber.clone())
                .unwrap_or_else(|| m.facility.clone());
            current.push(Current { id: m.id, until, duration_unstated: unstated, prescribed_by: by });
        }
    }
    let by_id: BTreeMap<uuid::Uuid, &MedicationItem> = visible.iter().map(|m| (m.id, *m)).collect();
    current.sort_by(|a, b| {
        let (ma, mb) = (by_id[&a.id], by_id[&b.id]);
        mb.date.cmp(&ma.date).then(ma.name.cmp(&mb.name))
    });

    let mut flags = Vec::new();
    let mut groups: BTreeMap<&str, Vec<&Current>> = BTreeMap::new();
    for c in &current {
        if let Some(key) = by_id[&c.id].code.as_ref().and_then(DrugCode::ingredient_route) {
            groups.entry(key).or_default().push(c);
        }
    }
    for (key, group) in groups {
        let facilities: BTreeSet<&str> = group.iter().map(|c| c.prescribed_by.as_str()).collect();
        if facilities.len() > 1 {
            flags.push(Flag::Duplicate {
                ingredient_route: key.to_owned(),
                medications: group.iter().map(|c| c.id).collect(),
                facilities: facilities.into_iter().map(str::to_owned).collect(),
            });
        }
    }
    for c in &current {
        let m = by_id[&c.id];
        for a in allergies.iter().filter(|a| a.status == AllergyStatus::Active) {
            if let Some(by) = allergy_match(a, m) {
                flags.push(Flag::AllergyMatch {
                    medication: m.id,
                    allergy: a.id,
                    contraindication: a.contraindication,
                    by,
                });
            }
        }
    }
    let not_compared = current
        .iter()
        .filter(|c| by_id[&c.id].code.as_ref().and_then(DrugCode::ingredient_route).is_none())
        .map(|c| c.id)
        .collect();

    Summary { current, history: history.into_iter().map(|m| m.id).collect(), flags, not_compared }
}

/// What [`same_medicine`] compares: the ingredient and route, or, for a code
/// that names none, the whole code. Equal keys are the same medicine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum MedicineKey<'a> {
    IngredientRoute(&'a str),
    Code(&'a DrugCode),
}

impl<'a> MedicineKey<'a> {
    fn of(code: &'a DrugCode) -> Self {
        code.ingredient_route().map_or(Self::Code(code), Self::IngredientRoute)
    }
}

/// Same ingredient and route, or the same code; a medicine without a code is
/// never taken for another.
fn same_medicine(a: Option<&DrugCode>, b: Option<&DrugCode>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    match (a.ingredient_route(), b.ingredient_route()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Whether a record is current on `today`, with the last day it covers.
fn current_until(m: &MedicationItem, today: NaiveDate) -> Option<(Option<NaiveDate>, bool)> {
    match (m.kind, m.status) {
        (_, MedicationStatus::Stopped | MedicationStatus::OnHold | MedicationStatus::EnteredInError) => return None,
        // A statement that is completed says the medicine is no longer taken; a
        // completed prescription or dispense says only that it was handed over.
        (MedicationKind::Statement, MedicationStatus::Completed) => return None,
        _ => {}
    }
    let covers = |days: u32| {
        let last = m.date.checked_add_signed(chrono::Duration::days(i64::from(days.max(1)) - 1))?;
        (today <= last).then_some(last)
    };
    match (m.kind, m.days) {
        (_, Some(days)) => covers(days).map(|last| (Some(last), false)),
        (MedicationKind::Dispense, None) => covers(UNSTATED_DAYS).map(|last| (Some(last), true)),
        // A prescription or statement without a duration is current while its sender says it is active.
        (_, None) => (m.status == MedicationStatus::Active).then_some((None, false)),
    }
}

/// An allergy matches a medicine when its drug code names the same
/// ingredient and route, or when a word of its text (at least three
/// characters, "アレルギー" and the like taken off) appears in the medicine's name.
pub fn allergy_match(a: &AllergyItem, m: &MedicationItem) -> Option<MatchBasis> {
    if same_medicine(a.drug_code.as_ref(), m.code.as_ref()) {
        return Some(MatchBasis::Code);
    }
    let name = fold(&m.name);
    allergen_words(&a.text).iter().any(|w| name.contains(w.as_str())).then_some(MatchBasis::Name)
}

/// NFKC, katakana for hiragana, no spaces.
fn fold(s: &str) -> String {
    s.nfkc()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(u32::from(c) + 0x60).unwrap_or(c),
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

const SUFFIXES: [&str; 9] = ["アレルギー", "過敏症", "過敏", "禁忌", "系薬剤", "系薬", "系", "類", "剤"];

fn allergen_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| "、,，・/／()（）「」［］[];；:：。".contains(c))
        .filter_map(|w| {
            let mut w = w.to_owned();
            loop {
                let before = w.len();
                for s in SUFFIXES {
                    if let Some(stripped) = w.strip_suffix(s) {
                        w = stripped.to_owned();
                    }
                }
                if w.len() == before {
                    break;
                }
            }
            (w.chars().count() >= 3).then_some(w)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::medication::CodeSystem;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn yj(code: &str) -> DrugCode {
        DrugCode::parse(CodeSystem::Yj, code).unwrap()
    }

    fn med(
        n: u128,
        kind: MedicationKind,
        code: &str,
        name: &str,
        date: &str,
        days: Option<u32>,
        facility: &str,
    ) -> MedicationItem {
        MedicationItem {
            id: uuid::Uuid::from_u128(n),
            kind,
            status: if kind == MedicationKind::Dispense {
                MedicationStatus::Completed
            } else {
                MedicationStatus::Active
            },
            code: Some(yj(code)),
            name: name.into(),
            date: d(date),
            days,
            facility: facility.into(),
            prescriber: None,
        }
    }

    fn allergy(n: u128, text: &str, code: Option<&str>, contraindication: bool) -> AllergyItem {
        AllergyItem {
            id: uuid::Uuid::from_u128(n),
            status: AllergyStatus::Active,
            contraindication,
            drug_code: code.map(yj),
            text: text.into(),
        }
    }

    const TODAY: &str = "2026-11-21";

    #[test]
    fn current_follows_days_supplied() {
        use MedicationKind::*;
        let meds = [
            med(1, Dispense, "2171022F1093", "アムロジピン錠5mg", "2026-11-01", Some(28), "A薬局"),
            med(2, Dispense, "1149019F1560", "ロキソプロフェンNa錠60mg", "2026-10-01", Some(7), "A薬局"),
            // Ends today: still current.
            med(3, Dispense, "3969007F1030", "メトホルミン錠", "2026-10-25", Some(28), "A薬局"),
            // Handed over without days (as needed): current for 30 days, marked.
            med(4, Dispense, "2190006M1037", "ニトロ舌下錠", "2026-11-10", None, "A薬局"),
            med(5, Dispense, "2190006M1037", "ニトロ舌下錠", "2026-09-10", None, "A薬局"),
        ];
        let s = summarise(&meds, &[], d(TODAY));
        let ids: Vec<u128> = s.current.iter().map(|c| c.id.as_u128()).collect();
        assert_eq!(ids, [4, 1, 3]);
        assert_eq!(s.current[1].until, Some(d("2026-11-28")));
        assert_eq!(s.current[2].until, Some(d("2026-11-21")));
        assert!(s.current[0].duration_unstated);
        assert_eq!(s.history.len(), 5);
        assert!(s.flags.is_empty());
    }

    #[test]
    fn statuses_decide_without_days() {
        use MedicationKind::*;
        let mut stopped = med(2, Statement, "2171022F1093", "アムロジピン", "2026-06-01", None, "B");
        stopped.status = MedicationStatus::Stopped;
        let mut wrong = med(3, Request, "2171022F1093", "アムロジピン", "2026-11-20", Some(30), "B");
        wrong.status = MedicationStatus::EnteredInError;
        let meds = [med(1, Statement, "1149019F1560", "ロキソプロフェン", "2026-01-01", None, "B"), stopped, wrong];
        let s = summarise(&meds, &[], d(TODAY));
        assert_eq!(s.current.iter().map(|c| c.id.as_u128()).collect::<Vec<_>>(), [1]);
        assert_eq!(s.history.len(), 2, "entered in error is never shown");
    }

    #[test]
    fn history_is_twelve_months_newest_first() {
        use MedicationKind::*;
        let meds = [
            med(1, Dispense, "2171022F1093", "a", "2025-11-21", Some(1), "A"),
            med(2, Dispense, "2171022F1093", "b", "2025-11-22", Some(1), "A"),
            med(3, Dispense, "2171022F1093", "c", "2026-11-20", Some(1), "A"),
        ];
        let s = summarise(&meds, &[], d(TODAY));
        assert_eq!(s.history.iter().map(|i| i.as_u128()).collect::<Vec<_>>(), [3, 2]);
    }

    #[test]
    fn same_ingredient_from_two_facilities_is_flagged() {
        use MedicationKind::*;
        let meds = [
            // Two brands of amlodipine (same first seven YJ characters) from two clinics.
            med(1, Request, "2171022F1093", "アムロジピン錠5mg「サワイ」", "2026-11-10", Some(30), "さくら内科"),
            med(2, Request, "2171022F2022", "ノルバスク錠5mg", "2026-11-15", Some(30), "みどり病院"),
            // Same ingredient by injection (different route): not the same.
            med(3, Request, "2171400A1020", "注射", "2026-11-15", Some(1), "みどり病院"),
        ];
        let s = summarise(&meds, &[], d(TODAY));
        assert_eq!(s.flags.len(), 1);
        let Flag::Duplicate { ingredient_route, medications, facilities } = &s.flags[0] else { panic!() };
        assert_eq!(ingredient_route, "2171022");
        assert_eq!(medications.len(), 2);
        assert_eq!(facilities, &["さくら内科".to_owned(), "みどり病院".to_owned()]);
    }

    #[test]
    fn a_dispense_of_a_prescription_is_one_course_not_a_duplicate() {
        use MedicationKind::*;
        let meds = [
            med(1, Request, "2171022F1093", "アムロジピン錠5mg", "2026-11-10", Some(30), "さくら内科"),
            // The pharmacy dispensed that prescription two days later, a generic of the same ingredient.
            med(2, Dispense, "2171022F2022", "アムロジピン錠5mg「トーワ」", "2026-11-12", Some(30), "あおば薬局"),
        ];
        let s = summarise(&meds, &[], d(TODAY));
        assert!(s.flags.is_empty(), "{:?}", s.flags);
        assert_eq!(s.current.len(), 1);
        assert_eq!(s.current[0].id.as_u128(), 2);
        assert_eq!(s.current[0].prescribed_by, "さくら内科");
        // Dispensed after the prescription expired: not that prescription.
        let late = [meds[0].clone(), med(2, Dispense, "2171022F2022", "x", "2026-11-14", Some(30), "あおば薬局")];
        assert_eq!(summarise(&late, &[], d(TODAY)).flags.len(), 1);
    }

    #[test]
    fn current_medicine_matching_an_allergy_is_flagged() {
        use MedicationKind::*;
        let meds = [
            med(1, Dispense, "1149019F1560", "ロキソプロフェンNa錠60mg「サワイ」", "2026-11-18", Some(5), "A"),
            med(2, Dispense, "6131001C1210", "サワシリンカプセル250（アモキシシリン）", "2026-11-18", Some(5), "A"),
            med(3, Dispense, "2171022F1093", "アムロジピン錠5mg", "2026-11-18", Some(5), "A"),
        ];
        let allergies = [
            // Coded contraindication: matched by code.
            allergy(10, "ロキソニン", Some("1149019F1020"), true),
            // Text only, with a suffix to take off: matched by name.
            allergy(11, "あもきししりんアレルギー", None, false),
            // Too short a word to match safely.
            allergy(12, "ア", None, false),
        ];
        let mut inactive = allergy(13, "アムロジピン", None, false);
        inactive.status = AllergyStatus::Inactive;
        let all = [allergies.to_vec(), vec![inactive]].concat();
        let s = summarise(&meds, &all, d(TODAY));
        // In the order of the current list (same day: by name).
        assert_eq!(
            s.flags,
            [
                Flag::AllergyMatch {
                    medication: uuid::Uuid::from_u128(2),
                    allergy: uuid::Uuid::from_u128(11),
                    contraindication: false,
                    by: MatchBasis::Name,
                },
                Flag::AllergyMatch {
                    medication: uuid::Uuid::from_u128(1),
                    allergy: uuid::Uuid::from_u128(10),
                    contraindication: true,
                    by: MatchBasis::Code,
                },
            ]
        );
    }

    /// A medicine without an ingredient-level code (HOT alone, or none) is
    /// never shown as checked for duplicates.
    #[test]
    fn medicines_that_could_not_be_compared_are_named() {
        use MedicationKind::*;
        let mut hot = med(1, Dispense, "2171022F1093", "アムロジピン錠5mg「A」", "2026-11-18", Some(30), "A");
        hot.code = DrugCode::parse(CodeSystem::Hot9, "103835401");
        let mut none = med(2, Request, "2171022F1093", "院内製剤 軟膏", "2026-11-18", Some(30), "B");
        none.code = None;
        let coded = med(3, Request, "2171022F1093", "アムロジピン錠5mg", "2026-11-18", Some(30), "C");
        let s = summarise(&[hot, none, coded], &[], d(TODAY));
        assert!(s.flags.is_empty(), "nothing to compare the coded one with");
        let mut nc = s.not_compared.clone();
        nc.sort();
        assert_eq!(nc, [uuid::Uuid::from_u128(1), uuid::Uuid::from_u128(2)]);
    }

    #[test]
    fn allergen_words() {
        assert_eq!(super::allergen_words("ペニシリン系薬剤アレルギー"), ["ペニシリン"]);
        assert_eq!(super::allergen_words("卵、そば・ｻﾊﾞ"), Vec::<String>::new());
        assert_eq!(super::allergen_words("セフェム系、ロキソプロフェン"), ["セフェム", "ロキソプロフェン"]);
    }
}
