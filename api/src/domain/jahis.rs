//! Parser for the JAHIS e-medication-notebook data format
//! (電子版お薬手帳データフォーマット), versions 2.0 to 2.6 (`JAHISTC03` to `JAHISTC08`;
//! 2.5 and 2.6 share `JAHISTC08`). Version 1.x data (`JAHISTC01`, `JAHISTC02`) is refused on
//! purpose: its layout predates the 2.x records this reads.
//!
//! The input is comma separated text without quoting, one record per line (CRLF or LF),
//! encoded as Shift_JIS (Windows-31J) or UTF-8 (with or without BOM), optionally ended by an
//! MS-DOS EOF byte (0x1A). Data split over several QR codes repeats the version record at
//! the start of every part and ends every part with the split-control record 911 (データ固有ID,
//! 分割数, データ連番); [`parse`] joins the parts' records as bytes before decoding, and refuses
//! an incomplete set, naming the missing parts.
//!
//! The required fields of each record follow the specification's layout tables, with the
//! fields required only in output from a facility (出力区分 1) apart from those required in
//! both directions. Every record that has a レコード作成者 field must carry it: a record cut
//! short (a partial QR read) is refused rather than read as complete. Numbers are checked
//! whole (`1.` is not a dose).
//!
//! Error details never contain data taken from the file: they only name line numbers,
//! record numbers, field positions and part numbers.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use encoding_rs::SHIFT_JIS;
use sha2::{Digest, Sha256};

/// Lowest supported format number (`JAHISTC03`, version 2.0).
pub const MIN_VERSION: u8 = 3;
/// Highest supported format number (`JAHISTC08`, versions 2.5 and 2.6).
pub const MAX_VERSION: u8 = 8;

/// Record numbers defined by the 2.x format. Records not mapped by this parser are accepted
/// and ignored.
const KNOWN_RECORDS: [u32; 23] =
    [1, 2, 3, 31, 4, 5, 11, 15, 51, 55, 201, 281, 291, 301, 311, 391, 401, 411, 421, 501, 601, 701, 911];

/// The position of the レコード作成者 field (creator: 1 医療関係者, 2 患者等, 8 その他,
/// 9 不明) in each record that has one; required in both directions.
fn creator_position(record: u32) -> Option<usize> {
    Some(match record {
        5 | 401 | 421 | 501 => 2,
        2 | 4 | 15 | 55 | 281 | 291 | 311 | 391 | 411 => 3,
        3 => 4,
        31 | 51 => 5,
        701 => 6,
        201 => 7,
        11 | 301 => 8,
        _ => return None,
    })
}

/// The EOF byte MS-DOS text may end with; the specification allows it.
const EOF: u8 = 0x1A;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Upper bound on the number of missing part numbers listed in an error detail.
const MAX_LISTED_MISSING_PARTS: usize = 20;

// ---------------------------------------------------------------------------------------------
// Output types
// ---------------------------------------------------------------------------------------------

/// A parsed medication notebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notebook {
    /// Format number `nn` of the `JAHISTCnn` version record (3 = 2.0 … 8 = 2.5/2.6).
    pub version: u8,
    /// Output kind `k` of the version record, when present.
    pub output_kind: Option<u8>,
    pub patient: Option<Patient>,
    pub notes: Vec<Note>,
    /// 要指導医薬品・一般用医薬品 (over-the-counter medicines, records 3 and 31).
    pub otc: Vec<Otc>,
    pub dispensings: Vec<Dispensing>,
}

impl Notebook {
    /// Output kind 2: data the patient's own app handed to a facility.
    pub fn from_patient(&self) -> bool {
        self.output_kind == Some(2)
    }

    /// The patient record (1): whom the data is about. Data sent in for a
    /// person must have it, so that it can be checked against them.
    pub fn patient_record(&self) -> Result<&Patient, JahisError> {
        self.patient.as_ref().ok_or_else(|| {
            JahisError::new(
                JahisErrorCode::Incomplete,
                None,
                "the patient record (1) is missing: it names whom the data is about",
            )
        })
    }
}

/// Text as compared for identity: NFKC, without spaces.
pub fn canonical(s: &str) -> String {
    super::text::normalize(s).chars().filter(|c| !c.is_whitespace()).collect()
}

impl Dispensing {
    /// What identifies this dispensing. The format has no dispensing id, so
    /// its identity is what it says, in the fields every kind of output
    /// carries (required in both directions): the day, the dispensing and
    /// prescribing facilities' names, and each Rp's number and medicines'
    /// names. An exact resend, or the same dispensing handed in from the
    /// patient's app, has the same identity; a second dispensing at the same
    /// pharmacy on the same day (another clinic's prescription) has another.
    /// A corrected dose or usage keeps the identity.
    pub fn identity(&self) -> String {
        let mut parts =
            vec![self.date.to_string(), self.dispenser.as_ref().map(|i| canonical(&i.name)).unwrap_or_default()];
        for p in &self.prescriptions {
            parts.push(format!("P{}", p.prescriber.as_ref().map(|i| canonical(&i.name)).unwrap_or_default()));
            for rp in &p.rps {
                parts.push(format!("R{}", rp.number));
                parts.extend(rp.drugs.iter().map(|drug| format!("D{}", canonical(&drug.name))));
            }
        }
        // The unit separator cannot occur in a field (the format has no control characters).
        super::session::hex(&Sha256::digest(parts.join("\u{1f}").as_bytes())[..12])
    }
}

/// The key a drug of a dispensing is stored under: the person, the
/// dispensing's identity ([`Dispensing::identity`], with `#n` for the n-th
/// identical dispensing of one file), and where the drug stands in it.
pub fn record_key(resident: impl fmt::Display, dispensing: &str, prescription: usize, rp: u32, drug: usize) -> String {
    format!("jahis:{resident}:{dispensing}:{prescription}:{rp}:{drug}")
}

/// A stored JAHIS key (a drug's, or an allergy note's) made for the person
/// `from`, as it reads for the person `into` (two records combined into one:
/// the data sent again for the kept record then finds it). `None` for a key
/// that is not a JAHIS key of `from`.
pub fn rekeyed(key: &str, from: impl fmt::Display, into: impl fmt::Display) -> Option<String> {
    let rest = key.strip_prefix(&format!("jahis:{from}:"))?;
    Some(format!("jahis:{into}:{rest}"))
}

/// A stored key's dispensing identity and the drug's place in it
/// (prescription, Rp, drug), for keys made by [`record_key`].
pub fn parse_record_key(key: &str) -> Option<(&str, usize, u32, usize)> {
    let mut parts = key.strip_prefix("jahis:")?.split(':');
    let (_, dispensing) = (parts.next()?, parts.next()?);
    let prescription = parts.next()?.parse().ok()?;
    let rp = parts.next()?.parse().ok()?;
    let drug = parts.next()?.parse().ok()?;
    parts.next().is_none().then_some((dispensing, prescription, rp, drug))
}

/// What is compared between two dispensings of one day at one pharmacy: each
/// drug, in order, with its prescription, prescriber and Rp.
pub fn content_item(prescription: usize, prescriber: Option<&str>, rp: u32, drug: &str) -> String {
    format!("{prescription}|{}|{rp}|{}", prescriber.map(canonical).unwrap_or_default(), canonical(drug))
}

/// How a dispensing relates to one already held for the same day and pharmacy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlap {
    /// It is only the beginning of the one held: a read cut short at a
    /// record's end. Refused.
    PartOfHeld,
    /// The one held is only its beginning: the held one was cut short, and
    /// this one takes its place.
    Completes,
    None,
}

/// `new` against `held`, each the [`content_item`]s of a dispensing.
pub fn overlap(new: &[String], held: &[String]) -> Overlap {
    if new.len() < held.len() && held.starts_with(new) {
        Overlap::PartOfHeld
    } else if held.len() < new.len() && new.starts_with(held) {
        Overlap::Completes
    } else {
        Overlap::None
    }
}

impl Dispensing {
    /// The [`content_item`]s of this dispensing.
    pub fn content(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (pi, p) in self.prescriptions.iter().enumerate() {
            for rp in &p.rps {
                for drug in &rp.drugs {
                    out.push(content_item(pi, p.prescriber.as_ref().map(|i| i.name.as_str()), rp.number, &drug.name));
                }
            }
        }
        out
    }
}

impl Drug {
    /// The whole amount handed over, in the drug's unit: its 用量 (a day's
    /// dose for internal medicines and decoctions, one dose for as-needed
    /// ones, the whole amount otherwise) times the Rp's 調剤数量 (days, times,
    /// or 1), as the specification's tables define the two fields. Exact
    /// decimal arithmetic; `None` when either is missing.
    pub fn total(&self, usage: Option<&Usage>) -> Option<(String, String)> {
        let dose = self.dose.as_deref()?;
        let times: u64 = usage?.quantity.as_deref()?.parse().ok()?;
        let unit = self.unit.clone()?;
        let (int, frac) = dose.split_once('.').unwrap_or((dose, ""));
        let scaled: u64 = format!("{int}{frac}").parse().ok()?;
        let product = scaled.checked_mul(times)?.to_string();
        let scale = frac.len();
        let padded = format!("{product:0>width$}", width = scale + 1);
        let (whole, decimals) = padded.split_at(padded.len() - scale);
        let decimals = decimals.trim_end_matches('0');
        let value = if decimals.is_empty() { whole.to_owned() } else { format!("{whole}.{decimals}") };
        Some((value, unit))
    }
}

impl DrugCode {
    /// The code in the network's terms: 2 レセプト電算, 3 薬価基準 (厚労省コード),
    /// 4 YJ, 6 HOT (7, 9 or 13 digits); `None` when it does not fit its kind.
    pub fn standard(&self) -> Option<super::medication::DrugCode> {
        use super::medication::CodeSystem;
        let system = match self.kind {
            CodeKind::Yj => CodeSystem::Yj,
            CodeKind::PriceList => CodeSystem::PriceList,
            CodeKind::Claims => CodeSystem::Claims,
            CodeKind::Hot => match self.code.len() {
                7 => CodeSystem::Hot7,
                13 => CodeSystem::Hot13,
                _ => CodeSystem::Hot9,
            },
        };
        super::medication::DrugCode::parse(system, &self.code)
    }
}

/// An over-the-counter medicine the person takes (record 3) with its
/// ingredients (record 31, Ver.2.5+).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Otc {
    pub line: usize,
    pub name: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// 通番 linking the ingredient records (Ver.2.5+).
    pub serial: Option<u32>,
    pub jan: Option<String>,
    pub ingredients: Vec<String>,
}

impl Notebook {
    /// Human readable format version, e.g. `"2.4"` for `JAHISTC07`.
    pub fn format_version(&self) -> &'static str {
        match self.version {
            3 => "2.0",
            4 => "2.1",
            5 => "2.2",
            6 => "2.3",
            7 => "2.4",
            8 => "2.5/2.6",
            _ => "unknown",
        }
    }
}

/// Patient record (record 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patient {
    pub name: Option<String>,
    pub kana: Option<String>,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    Male,
    Female,
}

/// Patient note (record 2): allergy, side effect, medical history or other.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line number of the record.
    pub line: usize,
    pub kind: NoteKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Allergy,
    SideEffect,
    History,
    Other,
}

/// One dispensing group, started by a record 5.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispensing {
    /// 1-based line number of the record 5 that starts the group.
    pub line: usize,
    pub date: NaiveDate,
    /// 点数表 of the dispensing facility (record 11): 1 医科, 3 歯科, 4 調剤.
    pub dispenser_table: Option<u8>,
    /// Dispensing pharmacy or facility (record 11).
    pub dispenser: Option<Institution>,
    /// Pharmacist or doctor who dispensed (record 15).
    pub pharmacist: Option<String>,
    pub prescriptions: Vec<Prescription>,
}

/// A medical institution or pharmacy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Institution {
    pub name: String,
    /// Ten digit code: prefecture (2) + table (1) + facility (7), when all three are present.
    pub code: Option<String>,
}

/// One prescription inside a dispensing group, started by a record 51. Drugs that come
/// before any record 51 of their group belong to a prescription without prescriber.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescription {
    pub prescriber: Option<Institution>,
    /// Prescribing doctor (record 55).
    pub doctor: Option<String>,
    pub rps: Vec<Rp>,
}

/// One Rp (drugs sharing a usage).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rp {
    pub number: u32,
    pub usage: Option<Usage>,
    pub drugs: Vec<Drug>,
}

/// Usage of an Rp (record 301).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// 用法名称: conditional (not for materials and "other" forms, and a
    /// medical institution may leave it out).
    pub text: Option<String>,
    /// Quantity as written, with full-width digits folded to ASCII.
    pub quantity: Option<String>,
    pub unit: Option<String>,
    pub form: Option<Form>,
    /// Days supplied, for internal-type forms whose quantity is given in 日分.
    pub days: Option<u32>,
    /// 1-based line number of the record.
    pub line: usize,
}

/// Dosage form class (formCode of record 301).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// 1: 内服
    Internal,
    /// 2: 内滴
    InternalDrops,
    /// 3: 頓服
    AsNeeded,
    /// 4: 注射
    Injection,
    /// 5: 外用
    External,
    /// 6: 浸煎
    Decoction,
    /// 7: 湯
    Infusion,
    /// 9: 材料
    Material,
    /// 10: その他
    Other,
}

/// Drug record (record 201).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drug {
    /// 1-based line number of the record.
    pub line: usize,
    pub name: String,
    /// Dose as written, with full-width digits folded to ASCII.
    pub dose: Option<String>,
    pub unit: Option<String>,
    pub code: Option<DrugCode>,
    /// 一般名 (Ver.2.5+).
    pub generic_name: Option<String>,
    /// 一般名コード (一般名処方マスタ, Ver.2.5+).
    pub generic_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrugCode {
    pub kind: CodeKind,
    pub code: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodeKind {
    /// 2: レセプト電算処理システム用コード
    Claims,
    /// 3: 厚生労働省薬価基準収載医薬品コード
    PriceList,
    /// 4: 個別医薬品コード (YJ)
    Yj,
    /// 6: HOT コード
    Hot,
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// Parse failure. `detail` is English and never contains data taken from the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JahisError {
    pub code: JahisErrorCode,
    /// 1-based line number in the joined, decoded text, when the error belongs to a line.
    pub line: Option<usize>,
    pub detail: String,
}

impl fmt::Display for JahisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JAHIS {}: {}", self.code.as_str(), self.detail)
    }
}

impl JahisError {
    fn new(code: JahisErrorCode, line: Option<usize>, detail: impl Into<String>) -> Self {
        Self { code, line, detail: detail.into() }
    }

    fn at(code: JahisErrorCode, line: usize, detail: impl Into<String>) -> Self {
        Self::new(code, Some(line), detail)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JahisErrorCode {
    Empty,
    Encoding,
    MissingHeader,
    UnsupportedVersion,
    UnknownRecord,
    MalformedRecord,
    InvalidDate,
    Orphan,
    MissingSplitPart,
    InconsistentSplit,
    /// More lines than one person's notebook has ([`MAX_LINES`]).
    TooLarge,
    /// A required record is missing (an Rp without its usage): the data was cut off.
    Incomplete,
}

impl JahisErrorCode {
    pub const ALL: [JahisErrorCode; 12] = [
        Self::Empty,
        Self::Encoding,
        Self::MissingHeader,
        Self::UnsupportedVersion,
        Self::UnknownRecord,
        Self::MalformedRecord,
        Self::InvalidDate,
        Self::Orphan,
        Self::MissingSplitPart,
        Self::InconsistentSplit,
        Self::TooLarge,
        Self::Incomplete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Encoding => "encoding",
            Self::MissingHeader => "missing_header",
            Self::UnsupportedVersion => "unsupported_version",
            Self::UnknownRecord => "unknown_record",
            Self::MalformedRecord => "malformed_record",
            Self::InvalidDate => "invalid_date",
            Self::Orphan => "orphan",
            Self::MissingSplitPart => "missing_split_part",
            Self::InconsistentSplit => "inconsistent_split",
            Self::TooLarge => "too_large",
            Self::Incomplete => "incomplete",
        }
    }
}

impl fmt::Display for JahisErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

// ---------------------------------------------------------------------------------------------
// Entry point and split handling
// ---------------------------------------------------------------------------------------------

/// Parses a notebook given as one byte string (unsplit data, or a single split part) or as
/// several split parts in any order.
pub fn parse(parts: &[&[u8]]) -> Result<Notebook, JahisError> {
    let parts: Vec<&[u8]> = parts.iter().map(|p| strip_eof(p)).collect();
    if parts.iter().all(|p| is_blank(strip_bom(p))) {
        return Err(JahisError::new(JahisErrorCode::Empty, None, "input is empty"));
    }
    match parts.as_slice() {
        [single] => match read_split_part(single, 0)? {
            Some(part) => join_parts(vec![part]),
            None => parse_bytes(single),
        },
        many => {
            let mut split = Vec::with_capacity(many.len());
            for (index, bytes) in many.iter().enumerate() {
                match read_split_part(bytes, index)? {
                    Some(part) => split.push(part),
                    None => {
                        return Err(JahisError::new(
                            JahisErrorCode::InconsistentSplit,
                            None,
                            format!(
                                "input #{}: several inputs were given but this one does not end with a split \
                                 control record (911)",
                                index + 1
                            ),
                        ));
                    }
                }
            }
            join_parts(split)
        }
    }
}

/// Input without the MS-DOS EOF byte(s) (and blank lines) that may end it.
fn strip_eof(bytes: &[u8]) -> &[u8] {
    let mut end = bytes.len();
    while end > 0 && (bytes[end - 1] == EOF || bytes[end - 1].is_ascii_whitespace()) {
        end -= 1;
    }
    &bytes[..end]
}

/// One part of split data: the version line, the values of its 911 record and its payload.
struct SplitPart<'a> {
    input: usize,
    header: &'a [u8],
    data_id: &'a str,
    total: u32,
    number: u32,
    payload: &'a [u8],
}

/// Reads the version line and the closing 911 record of one input. `Ok(None)` when its last
/// record is not a 911 record (the input is then a whole file).
fn read_split_part(bytes: &[u8], index: usize) -> Result<Option<SplitPart<'_>>, JahisError> {
    let bytes = strip_bom(bytes);
    let (header, rest) = split_first_line(bytes);
    // The 911 record is the last record of each part.
    let (payload, control) = match rest.iter().rposition(|&b| b == b'\n') {
        Some(i) => (&rest[..=i], &rest[i + 1..]),
        None => (&rest[..0], rest),
    };
    let control = control.strip_suffix(b"\r").unwrap_or(control);
    let Ok(control) = std::str::from_utf8(control) else {
        return Ok(None);
    };
    let fields: Vec<&str> = control.split(',').map(str::trim).collect();
    if fields.first().copied() != Some("911") {
        return Ok(None);
    }
    let number_field = |i: usize, what: &str| -> Result<u32, JahisError> {
        fields.get(i).and_then(|s| parse_uint(s)).ok_or_else(|| {
            JahisError::new(
                JahisErrorCode::MalformedRecord,
                None,
                format!(
                    "input #{}: record 911 (last record of the part) field {i} ({what}) is missing or not a number",
                    index + 1
                ),
            )
        })
    };
    let total = number_field(2, "number of parts")?;
    let number = number_field(3, "part number")?;
    let data_id = fields.get(1).copied().unwrap_or("");
    if data_id.is_empty() || data_id.len() > 14 || !data_id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(JahisError::new(
            JahisErrorCode::MalformedRecord,
            None,
            format!("input #{}: record 911 field 1 (data id) is not a number of at most 14 digits", index + 1),
        ));
    }
    Ok(Some(SplitPart { input: index + 1, header: header.trim_ascii(), data_id, total, number, payload }))
}

/// Checks that the parts form one complete set, then joins their payloads as bytes and parses.
fn join_parts(mut parts: Vec<SplitPart<'_>>) -> Result<Notebook, JahisError> {
    let inconsistent = |detail: String| JahisError::new(JahisErrorCode::InconsistentSplit, None, detail);
    let Some(first) = parts.first() else {
        return Err(JahisError::new(JahisErrorCode::Empty, None, "input is empty"));
    };
    let (header, data_id, total) = (first.header, first.data_id, first.total);
    if total == 0 {
        return Err(inconsistent(format!("input #{}: record 911 declares 0 parts", first.input)));
    }
    for part in &parts {
        if part.header != header {
            return Err(inconsistent(format!("input #{}: version record differs from input #1", part.input)));
        }
        if part.data_id != data_id {
            return Err(inconsistent(format!("input #{}: record 911 data id differs from input #1", part.input)));
        }
        if part.total != total {
            return Err(inconsistent(format!(
                "input #{}: record 911 declares {} parts but input #1 declares {total}",
                part.input, part.total
            )));
        }
        if part.number == 0 || part.number > total {
            return Err(inconsistent(format!(
                "input #{}: part number {} is outside 1..={total}",
                part.input, part.number
            )));
        }
    }
    parts.sort_by_key(|p| p.number);
    if let Some(pair) = parts.windows(2).find(|w| matches!(w, [a, b] if a.number == b.number)) {
        let number = pair.first().map_or(0, |p| p.number);
        return Err(inconsistent(format!("part {number} was given more than once")));
    }
    // No duplicates and every number is in 1..=total, so fewer parts than total means gaps.
    if (parts.len() as u64) < u64::from(total) {
        let mut missing = Vec::new();
        let mut present = parts.iter().map(|p| u64::from(p.number)).peekable();
        let mut n: u64 = 1;
        while n <= u64::from(total) && missing.len() < MAX_LISTED_MISSING_PARTS {
            if present.peek() == Some(&n) {
                present.next();
            } else {
                missing.push(n.to_string());
            }
            n += 1;
        }
        let count = u64::from(total) - parts.len() as u64;
        let more = if count > missing.len() as u64 { ", ..." } else { "" };
        return Err(JahisError::new(
            JahisErrorCode::MissingSplitPart,
            None,
            format!("{count} of {total} split parts missing: {}{more}", missing.join(", ")),
        ));
    }
    let mut joined = Vec::with_capacity(header.len() + 2 + parts.iter().map(|p| p.payload.len()).sum::<usize>());
    joined.extend_from_slice(header);
    joined.extend_from_slice(b"\r\n");
    for part in &parts {
        joined.extend_from_slice(part.payload);
    }
    parse_bytes(&joined)
}

fn parse_bytes(bytes: &[u8]) -> Result<Notebook, JahisError> {
    if is_blank(strip_bom(bytes)) {
        return Err(JahisError::new(JahisErrorCode::Empty, None, "input is empty"));
    }
    let text = decode(bytes)?;
    parse_text(&text)
}

/// Decodes UTF-8 (BOM optional) when the bytes are valid UTF-8, Shift_JIS (Windows-31J) otherwise.
fn decode(bytes: &[u8]) -> Result<String, JahisError> {
    let bytes = strip_bom(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    // LF never occurs inside a Shift_JIS multibyte character, so lines can be checked one by one.
    let line = bytes.split(|&b| b == b'\n').position(|l| SHIFT_JIS.decode_without_bom_handling(l).1).map(|i| i + 1);
    let detail = match line {
        Some(n) => format!("line {n}: bytes are neither valid UTF-8 nor valid Shift_JIS"),
        None => "input is neither valid UTF-8 nor valid Shift_JIS".to_owned(),
    };
    Err(JahisError::new(JahisErrorCode::Encoding, line, detail))
}

// ---------------------------------------------------------------------------------------------
// Text parsing
// ---------------------------------------------------------------------------------------------

/// One record line split into trimmed fields.
struct Record<'a> {
    line: usize,
    number: u32,
    fields: Vec<&'a str>,
}

impl<'a> Record<'a> {
    /// Field `i`, `None` when missing or empty.
    fn get(&self, i: usize) -> Option<&'a str> {
        self.fields.get(i).copied().filter(|s| !s.is_empty())
    }

    fn get_string(&self, i: usize) -> Option<String> {
        self.get(i).map(str::to_owned)
    }

    /// Field `i` with full-width digits folded, for numeric text kept as a string.
    fn get_folded(&self, i: usize) -> Option<String> {
        self.get(i).map(|s| fold_digits(s).into_owned())
    }

    fn malformed(&self, i: usize, what: &str, problem: &str) -> JahisError {
        JahisError::at(
            JahisErrorCode::MalformedRecord,
            self.line,
            format!("line {}: record {} field {i} ({what}) {problem}", self.line, self.number),
        )
    }

    fn require(&self, i: usize, what: &str) -> Result<&'a str, JahisError> {
        self.get(i).ok_or_else(|| self.malformed(i, what, "is missing"))
    }

    fn require_uint(&self, i: usize, what: &str) -> Result<u32, JahisError> {
        parse_uint(self.require(i, what)?).ok_or_else(|| self.malformed(i, what, "is not a number"))
    }

    /// Optional coded field: `None` when empty, the number otherwise.
    fn opt_code(&self, i: usize, what: &str) -> Result<Option<u32>, JahisError> {
        match self.get(i) {
            None => Ok(None),
            Some(s) => parse_uint(s).map(Some).ok_or_else(|| self.malformed(i, what, "is not a number")),
        }
    }

    /// The レコード作成者 field, required in both directions: a record without
    /// it was cut short (or was never whole).
    fn check_creator(&self) -> Result<(), JahisError> {
        let Some(i) = creator_position(self.number) else { return Ok(()) };
        let valid = |s: &str| matches!(s, "1" | "2" | "8" | "9");
        match self.get(i) {
            Some(v) if valid(v) => Ok(()),
            Some(_) => Err(self.malformed(i, "record creator", "is not 1, 2, 8 or 9")),
            // The specification's own example writes empty fields before the
            // creator of a 411 record; the creator is then its last field.
            None if self.number == 411 && self.fields.len() > i && self.fields.last().is_some_and(|v| valid(v)) => {
                Ok(())
            }
            None => Err(self.malformed(i, "record creator", "is missing: the record may be cut off")),
        }
    }

    /// A decimal number as written (`1`, `0.5`, `１．５`), checked whole: a
    /// number cut off by a partial read (`1.`) is refused.
    fn opt_decimal(&self, i: usize, what: &str) -> Result<Option<String>, JahisError> {
        let Some(v) = self.get_folded(i) else { return Ok(None) };
        let (int, frac) = v.split_once('.').map_or((v.as_str(), None), |(a, b)| (a, Some(b)));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(int) && frac.is_none_or(digits) && v.len() <= 12 {
            Ok(Some(v))
        } else {
            Err(self.malformed(i, what, "is not a whole number or decimal"))
        }
    }

    fn invalid_date(&self, i: usize, what: &str) -> JahisError {
        JahisError::at(
            JahisErrorCode::InvalidDate,
            self.line,
            format!("line {}: record {} field {i} ({what}) is not a valid date", self.line, self.number),
        )
    }

    fn require_date(&self, i: usize, what: &str) -> Result<NaiveDate, JahisError> {
        parse_date(self.require(i, what)?).ok_or_else(|| self.invalid_date(i, what))
    }

    fn opt_date(&self, i: usize, what: &str) -> Result<Option<NaiveDate>, JahisError> {
        match self.get(i) {
            None => Ok(None),
            Some(s) => parse_date(s).map(Some).ok_or_else(|| self.invalid_date(i, what)),
        }
    }

    fn orphan(&self, problem: &str) -> JahisError {
        JahisError::at(
            JahisErrorCode::Orphan,
            self.line,
            format!("line {}: record {} {problem}", self.line, self.number),
        )
    }

    /// Institution from a name field followed by prefecture, table and facility code fields.
    fn institution(&self, name: usize, code: usize) -> Result<Institution, JahisError> {
        let name = self.require(name, "name")?.to_owned();
        let parts = [(code, 2, "prefecture code"), (code + 1, 1, "table code"), (code + 2, 7, "facility code")];
        let mut digits = String::with_capacity(10);
        for (i, len, what) in parts {
            let Some(value) = self.get(i) else {
                return Ok(Institution { name, code: None });
            };
            let value = fold_digits(value);
            if value.len() != len || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(self.malformed(i, what, &format!("is not {len} digit(s)")));
            }
            digits.push_str(&value);
        }
        Ok(Institution { name, code: Some(digits) })
    }
}

/// More lines than this are refused: years of one person's dispensings fit
/// many times over, and the work per request stays bounded.
pub const MAX_LINES: usize = 20_000;
/// Days supplied above this are not a course of treatment but a typing error.
pub const MAX_DAYS: u32 = 366;

fn parse_text(text: &str) -> Result<Notebook, JahisError> {
    if text.split('\n').nth(MAX_LINES).is_some() {
        return Err(JahisError::new(
            JahisErrorCode::TooLarge,
            None,
            format!("more than {MAX_LINES} lines; send one person's data at a time"),
        ));
    }
    let mut lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(JahisError::new(JahisErrorCode::Empty, None, "input is empty"));
    };
    let (version, output_kind) = parse_header(header_line, header)?;
    let mut builder = Builder {
        notebook: Notebook {
            version,
            output_kind,
            patient: None,
            notes: Vec::new(),
            otc: Vec::new(),
            dispensings: Vec::new(),
        },
    };
    for (line, raw) in lines {
        let fields: Vec<&str> = raw.split(',').map(str::trim).collect();
        let first = fields.first().copied().unwrap_or("");
        let Some(number) = parse_uint(first) else {
            return Err(JahisError::at(
                JahisErrorCode::UnknownRecord,
                line,
                format!("line {line}: first field is not a record number"),
            ));
        };
        if !KNOWN_RECORDS.contains(&number) {
            // Only short numbers are echoed: a long one is more likely shifted data than a record number.
            let detail = if number < 1000 {
                format!("line {line}: unknown record number {number}")
            } else {
                format!("line {line}: unknown record number")
            };
            return Err(JahisError::at(JahisErrorCode::UnknownRecord, line, detail));
        }
        let record = Record { line, number, fields };
        record.check_creator()?;
        builder.record(&record)?;
    }
    builder.finish()
}

/// Parses `JAHISTCnn,k` into (nn, k).
fn parse_header(line: usize, header: &str) -> Result<(u8, Option<u8>), JahisError> {
    let mut fields = header.split(',').map(str::trim);
    let tag = fields.next().unwrap_or("");
    let Some(rest) = tag.strip_prefix("JAHISTC") else {
        return Err(JahisError::at(
            JahisErrorCode::MissingHeader,
            line,
            format!("line {line}: expected the version record JAHISTCnn"),
        ));
    };
    let version = match rest.as_bytes() {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => (a - b'0') * 10 + (b - b'0'),
        _ => {
            return Err(JahisError::at(
                JahisErrorCode::UnsupportedVersion,
                line,
                format!("line {line}: version record does not carry a two-digit format number"),
            ));
        }
    };
    if version < MIN_VERSION {
        return Err(JahisError::at(
            JahisErrorCode::UnsupportedVersion,
            line,
            format!(
                "line {line}: format JAHISTC{version:02} is version 1.x, whose layout predates 2.0; send the data \
                 as version 2.x (JAHISTC{MIN_VERSION:02} to JAHISTC{MAX_VERSION:02})"
            ),
        ));
    }
    if !(MIN_VERSION..=MAX_VERSION).contains(&version) {
        return Err(JahisError::at(
            JahisErrorCode::UnsupportedVersion,
            line,
            format!(
                "line {line}: format JAHISTC{version:02} is not supported (only 2.x: JAHISTC{MIN_VERSION:02} to \
                 JAHISTC{MAX_VERSION:02})"
            ),
        ));
    }
    // 出力区分, required: 1 from a medical institution or pharmacy, 2 from the patient.
    let output_kind = match fields.next().map(|s| s.as_bytes()) {
        Some([d @ (b'1' | b'2')]) => d - b'0',
        _ => {
            return Err(JahisError::at(
                JahisErrorCode::MalformedRecord,
                line,
                format!("line {line}: version record field 1 (output kind) is missing or not 1 or 2"),
            ));
        }
    };
    Ok((version, Some(output_kind)))
}

struct Builder {
    notebook: Notebook,
}

impl Builder {
    fn record(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        match r.number {
            1 => self.patient(r),
            2 => self.note(r),
            3 => self.otc(r),
            31 => self.otc_ingredient(r),
            5 => self.dispensing(r),
            11 => {
                let dispensing = self.current_dispensing(r)?;
                let institution = r.institution(1, 2)?;
                let table = institution.code.as_ref().and_then(|c| c.as_bytes().get(2)).map(|b| b - b'0');
                if dispensing.dispenser.is_none() {
                    dispensing.dispenser_table = table;
                }
                dispensing.dispenser.get_or_insert(institution);
                Ok(())
            }
            15 => {
                let dispensing = self.current_dispensing(r)?;
                let name = r.require(1, "name")?.to_owned();
                dispensing.pharmacist.get_or_insert(name);
                Ok(())
            }
            51 => {
                let dispensing = self.current_dispensing(r)?;
                let institution = r.institution(1, 2)?;
                dispensing.prescriptions.push(Prescription {
                    prescriber: Some(institution),
                    doctor: None,
                    rps: Vec::new(),
                });
                Ok(())
            }
            55 => {
                let dispensing = self.current_dispensing(r)?;
                let name = r.require(1, "name")?.to_owned();
                current_prescription(dispensing).doctor.get_or_insert(name);
                Ok(())
            }
            201 => self.drug(r),
            301 => self.usage(r),
            // Known records that this parser does not map.
            _ => Ok(()),
        }
    }

    fn patient(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        // One patient record (同一№不可), before the dispensings; its name, sex
        // and birth date are required in both directions.
        if self.notebook.patient.is_some() || !self.notebook.dispensings.is_empty() {
            return Err(r.orphan("must come once, before the dispensings"));
        }
        r.require(1, "name")?;
        r.require(2, "sex")?;
        r.require(3, "birth date")?;
        let sex = match r.opt_code(2, "sex")? {
            None => None,
            Some(1) => Some(Sex::Male),
            Some(2) => Some(Sex::Female),
            Some(_) => return Err(r.malformed(2, "sex", "is not 1 or 2")),
        };
        let patient =
            Patient { name: r.get_string(1), kana: r.get_string(10), sex, birth_date: r.opt_date(3, "birth date")? };
        self.notebook.patient = Some(patient);
        Ok(())
    }

    fn note(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let kind = match r.require_uint(1, "kind")? {
            1 => NoteKind::Allergy,
            2 => NoteKind::SideEffect,
            3 => NoteKind::History,
            9 => NoteKind::Other,
            _ => return Err(r.malformed(1, "kind", "is not 1, 2, 3 or 9")),
        };
        let text = r.require(2, "text")?.to_owned();
        self.notebook.notes.push(Note { line: r.line, kind, text });
        Ok(())
    }

    fn otc(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let name = r.require(1, "medicine name")?.to_owned();
        let from = r.opt_date(2, "start date")?;
        let until = r.opt_date(3, "end date")?;
        let serial = r.opt_code(5, "serial number")?;
        let jan = match r.get_folded(6) {
            Some(j) if j.len() <= 13 && j.bytes().all(|b| b.is_ascii_digit()) => Some(j),
            Some(_) => return Err(r.malformed(6, "JAN code", "is not at most 13 digits")),
            None => None,
        };
        self.notebook.otc.push(Otc { line: r.line, name, from, until, serial, jan, ingredients: Vec::new() });
        Ok(())
    }

    /// Record 31 belongs to the record 3 with the same 通番.
    fn otc_ingredient(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let serial = r.require_uint(1, "serial number")?;
        let name = r.require(2, "ingredient name")?.to_owned();
        match r.require_uint(3, "code type")? {
            1 => {}
            2 => {
                r.require(4, "ingredient code")?;
            }
            _ => return Err(r.malformed(3, "code type", "is not 1 or 2")),
        }
        let otc = self
            .notebook
            .otc
            .iter_mut()
            .rev()
            .find(|o| o.serial == Some(serial))
            .ok_or_else(|| r.orphan("refers to a serial number without an over-the-counter medicine record (3)"))?;
        otc.ingredients.push(name);
        Ok(())
    }

    fn dispensing(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let date = r.require_date(1, "dispensing date")?;
        self.notebook.dispensings.push(Dispensing {
            line: r.line,
            date,
            dispenser_table: None,
            dispenser: None,
            pharmacist: None,
            prescriptions: Vec::new(),
        });
        Ok(())
    }

    fn current_dispensing(&mut self, r: &Record<'_>) -> Result<&mut Dispensing, JahisError> {
        self.notebook.dispensings.last_mut().ok_or_else(|| r.orphan("comes before any dispensing date record (5)"))
    }

    fn drug(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let dispensing = self.current_dispensing(r)?;
        let rp_number = r.require_uint(1, "rp number")?;
        let name = r.require(2, "drug name")?.to_owned();
        let dose = r.opt_decimal(3, "dose")?;
        let kind = match r.opt_code(5, "code type")? {
            None | Some(1) => None,
            Some(2) => Some(CodeKind::Claims),
            Some(3) => Some(CodeKind::PriceList),
            Some(4) => Some(CodeKind::Yj),
            Some(6) => Some(CodeKind::Hot),
            Some(_) => return Err(r.malformed(5, "code type", "is not 1, 2, 3, 4 or 6")),
        };
        let code = match kind {
            None => None,
            Some(kind) => {
                let code = fold_digits(r.require(6, "drug code")?).to_ascii_uppercase();
                // Each kind's codes have one length: a shorter one was cut off.
                let fits = match kind {
                    CodeKind::Claims => code.len() == 9,
                    CodeKind::PriceList | CodeKind::Yj => code.len() == 12,
                    CodeKind::Hot => matches!(code.len(), 7 | 9 | 13),
                };
                if !fits || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(r.malformed(6, "drug code", "does not have its code type's length"));
                }
                Some(DrugCode { kind, code })
            }
        };
        // Ver.2.5+: the generic name and its code (一般名コード種別 1 none, 2 一般名コード),
        // written as three fields together: a line that ends inside them was cut off.
        if r.fields.len() == 9 {
            return Err(r.malformed(9, "generic name code type", "is missing: the record may be cut off"));
        }
        let generic_code = match r.opt_code(9, "generic name code type")? {
            None | Some(1) => None,
            Some(2) => {
                let g = fold_digits(r.require(10, "generic name code")?).to_ascii_uppercase();
                if g.len() != 12 || !g.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(r.malformed(10, "generic name code", "is not 12 characters"));
                }
                Some(g)
            }
            Some(_) => return Err(r.malformed(9, "generic name code type", "is not 1 or 2")),
        };
        let drug =
            Drug { line: r.line, name, dose, unit: r.get_string(4), code, generic_name: r.get_string(8), generic_code };
        let prescription = current_prescription(dispensing);
        match prescription.rps.iter_mut().rev().find(|rp| rp.number == rp_number) {
            Some(rp) => rp.drugs.push(drug),
            None => prescription.rps.push(Rp { number: rp_number, usage: None, drugs: vec![drug] }),
        }
        Ok(())
    }

    fn usage(&mut self, r: &Record<'_>) -> Result<(), JahisError> {
        let dispensing = self.current_dispensing(r)?;
        let rp_number = r.require_uint(1, "rp number")?;
        let text = r.get_string(2);
        let quantity = match r.get_folded(3) {
            Some(q) if parse_uint(&q).is_some() => Some(q),
            Some(_) => return Err(r.malformed(3, "quantity", "is not a whole number")),
            None => None,
        };
        let unit = r.get_string(4);
        let form = match r.opt_code(5, "form code")? {
            None => None,
            Some(1) => Some(Form::Internal),
            Some(2) => Some(Form::InternalDrops),
            Some(3) => Some(Form::AsNeeded),
            Some(4) => Some(Form::Injection),
            Some(5) => Some(Form::External),
            Some(6) => Some(Form::Decoction),
            Some(7) => Some(Form::Infusion),
            Some(9) => Some(Form::Material),
            Some(10) => Some(Form::Other),
            Some(_) => return Err(r.malformed(5, "form code", "is not 1 to 7, 9 or 10")),
        };
        let days = days_supplied(form, quantity.as_deref(), unit.as_deref());
        let rp = dispensing
            .prescriptions
            .last_mut()
            .and_then(|p| p.rps.iter_mut().rev().find(|rp| rp.number == rp_number))
            .ok_or_else(|| r.orphan("refers to an rp number without drug record (201) in the same prescription"))?;
        // One usage per rp is expected; a repeated one is ignored.
        rp.usage.get_or_insert(Usage { text, quantity, unit, form, days, line: r.line });
        Ok(())
    }

    /// Checks what only the whole data shows, then hands the notebook over.
    ///
    /// Every Rp has its usage record (301), and in output from a facility a
    /// pharmacy's usage names how to take the medicine except for materials
    /// and "other" forms (a medical institution may leave the name out). An
    /// Rp without them is refused: the data was cut off or is not whole.
    fn finish(self) -> Result<Notebook, JahisError> {
        let n = self.notebook;
        for d in &n.dispensings {
            let pharmacy = d.dispenser_table == Some(4) || d.prescriptions.iter().any(|p| p.prescriber.is_some());
            for rp in d.prescriptions.iter().flat_map(|p| &p.rps) {
                let first = rp.drugs.first().map_or(d.line, |drug| drug.line);
                // "１ＲＰに１レコード", in either direction.
                let Some(u) = &rp.usage else {
                    return Err(JahisError::at(
                        JahisErrorCode::Incomplete,
                        first,
                        format!(
                            "line {first}: rp {} of the dispensing at line {} has no usage record (301): the data \
                             may be cut off",
                            rp.number, d.line
                        ),
                    ));
                };
                let named_optional = matches!(u.form, Some(Form::Material | Form::Other));
                if n.output_kind == Some(1) && pharmacy && !named_optional && u.text.is_none() {
                    return Err(JahisError::at(
                        JahisErrorCode::Incomplete,
                        u.line,
                        format!(
                            "line {}: record 301 field 2 (usage text) is missing; a pharmacy's usage names how to \
                             take the medicine",
                            u.line
                        ),
                    ));
                }
            }
        }
        Ok(n)
    }
}

/// Last prescription of the group, or a new one without prescriber when the group has none yet.
fn current_prescription(dispensing: &mut Dispensing) -> &mut Prescription {
    if dispensing.prescriptions.is_empty() {
        dispensing.prescriptions.push(Prescription { prescriber: None, doctor: None, rps: Vec::new() });
    }
    let last = dispensing.prescriptions.len() - 1;
    &mut dispensing.prescriptions[last]
}

fn days_supplied(form: Option<Form>, quantity: Option<&str>, unit: Option<&str>) -> Option<u32> {
    let daily = matches!(form, Some(Form::Internal | Form::InternalDrops | Form::Decoction | Form::Infusion));
    if !daily || unit.map(str::trim) != Some("日分") {
        return None;
    }
    parse_uint(quantity?).filter(|&n| n > 0 && n <= MAX_DAYS)
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/// Parses a date written as `YYYYMMDD`, as `GYYMMDD` with era letter M, T, S, H or R
/// (lower case accepted), or as `NYYMMDD` with era digit 1 to 5 (M, T, S, H, R).
/// Full-width digits are accepted. Era years are not checked against the era's end.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let folded = fold_digits(s.trim());
    let chars: Vec<char> = folded.chars().collect();
    match chars.as_slice() {
        [y @ .., m1, m2, d1, d2] if y.len() == 4 => {
            let year = digits(y)?;
            if year == 0 {
                return None;
            }
            ymd(year, digits(&[*m1, *m2])?, digits(&[*d1, *d2])?)
        }
        [era, y1, y2, m1, m2, d1, d2] => {
            let base = match era {
                'M' | 'm' | '1' => 1868,
                'T' | 't' | '2' => 1912,
                'S' | 's' | '3' => 1926,
                'H' | 'h' | '4' => 1989,
                'R' | 'r' | '5' => 2019,
                _ => return None,
            };
            let era_year = digits(&[*y1, *y2])?;
            if era_year == 0 {
                return None;
            }
            ymd(base + era_year - 1, digits(&[*m1, *m2])?, digits(&[*d1, *d2])?)
        }
        _ => None,
    }
}

fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Value of a run of ASCII digits (at most four digits are ever passed).
fn digits(chars: &[char]) -> Option<u32> {
    chars.iter().try_fold(0u32, |acc, c| acc.checked_mul(10)?.checked_add(c.to_digit(10)?))
}

/// Non-negative integer made only of digits (full-width digits accepted); no sign, no spaces.
fn parse_uint(s: &str) -> Option<u32> {
    let folded = fold_digits(s);
    if folded.is_empty() || !folded.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    folded.parse().ok()
}

/// Folds full-width digits (０-９) and the full-width full stop (．) to ASCII.
fn fold_digits(s: &str) -> Cow<'_, str> {
    let is_wide = |c: char| ('０'..='９').contains(&c) || c == '．';
    if !s.chars().any(is_wide) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
                '．' => '.',
                _ => c,
            })
            .collect(),
    )
}

fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes)
}

fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Splits off the first line (without its CR/LF) and returns it with the bytes after the LF.
fn split_first_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(i) => {
            let (line, rest) = bytes.split_at(i);
            (line.strip_suffix(b"\r").unwrap_or(line), rest.get(1..).unwrap_or_default())
        }
        None => (bytes.strip_suffix(b"\r").unwrap_or(bytes), &[]),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    /// A notebook written from the specification's layout tables (Ver.2.5/2.6):
    /// every record with its レコード作成者, one 51 per dispensing, the 2.5 generic
    /// name on a 201, an OTC medicine (3) with its ingredient (31).
    const SAMPLE: &str = "JAHISTC08,1\r\n\
1,山田 花子,2,S230415,150-0001,東京都渋谷区神宮前1-1-1,03-1234-5678,山田 太郎 090-1111-2222,A,52,ヤマダ ハナコ\r\n\
2,1,ペニシリン系抗生物質でじんましん,1\r\n\
2,2,ロキソプロフェンで胃部不快感,1\r\n\
3,ガスター10,20260901,,2,1,4987123456789\r\n\
31,1,ファモチジン,1,,2\r\n\
4,次回は眼科受診予定,20261001,1\r\n\
5,20261101,1\r\n\
11,さくら薬局 渋谷店,13,4,1234567,150-0002,東京都渋谷区渋谷2-2-2,03-2222-3333,1\r\n\
15,薬剤 一郎,03-2222-3333,1\r\n\
51,渋谷内科クリニック,13,1,7654321,1\r\n\
55,内科 太郎,内科,1\r\n\
201,1,アムロジピン錠5mg「サワイ」,1,錠,4,2171022F1093,1,【般】アムロジピン錠５ｍｇ,2,2171022F1ZZZ\r\n\
281,1,後発品,1\r\n\
301,1,1日1回朝食後,28,日分,1,1,,1\r\n\
201,2,カロナール錠200,2,錠,4,1141007F1063,1\r\n\
301,2,発熱時,5,回分,3,1,,1\r\n\
311,2,6時間以上あけること,1\r\n\
391,2,飲み忘れに注意,1\r\n\
401,グレープフルーツジュースと一緒に飲まないでください,1\r\n\
501,次回受診時にお薬手帳をご持参ください,1\r\n\
5,R081115,1\r\n\
11,ひまわり調剤薬局,27,4,0123456,530-0001,大阪府大阪市北区梅田1-1,06-1111-2222,1\r\n\
15,薬剤 次子,,1\r\n\
51,梅田整形外科,27,1,1111111,1\r\n\
55,整形 次郎,整形外科,1\r\n\
201,1,ロキソプロフェンNa錠60mg,3,錠,4,1149019F1560,1\r\n\
201,1,レバミピド錠100mg「サワイ」,３,錠,2,620000001,1\r\n\
291,1,胃の不調があれば相談,1\r\n\
301,1,1日3回毎食後,１４,日分,1,1,,1\r\n\
201,2,モーラステープL40mg,2,枚,6,1234567890123,1\r\n\
301,2,1日1回腰に貼付,14,日分,5,1,,1\r\n\
55,眼科 三郎,眼科,1\r\n\
201,3,ヒアレイン点眼液0.1%,1,本,1,,1\r\n\
301,3,1日4回両眼に点眼,1,調剤,5,1,,1\r\n\
411,検査値 eGFR 58,99,1\r\n\
421,残薬なし,1\r\n\
601,眠気が出ることがある,20261116\r\n\
701,かかりつけ 薬剤 次子,ひまわり調剤薬局,06-1111-2222,20260101,,1\r\n";

    /// Strings from SAMPLE that are personal or clinical data and must never appear in errors.
    const PERSONAL: [&str; 8] =
        ["山田", "ヤマダ", "ペニシリン", "アムロジピン", "ロキソプロフェン", "さくら薬局", "内科 太郎", "2171022F1093"];

    fn sjis(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(s);
        assert!(!unmappable, "test text must be encodable in Shift_JIS");
        bytes.into_owned()
    }

    fn parse_one(bytes: &[u8]) -> Result<Notebook, JahisError> {
        parse(&[bytes])
    }

    #[test]
    fn bounded_work_and_plausible_days() {
        let mut big = String::from("JAHISTC08,1\r\n5,20261101,1\r\n");
        for n in 0..MAX_LINES {
            big.push_str(&format!("201,{n},a,1,錠,1,,1\r\n"));
        }
        assert_eq!(parse_one(big.as_bytes()).unwrap_err().code, JahisErrorCode::TooLarge);
        let absurd = "JAHISTC08,1\r\n5,20261101,1\r\n201,1,a,1,錠,1,,1\r\n301,1,u,99999999,日分,1,,,1\r\n";
        let n = parse_one(absurd.as_bytes()).unwrap();
        assert_eq!(n.dispensings[0].prescriptions[0].rps[0].usage.as_ref().unwrap().days, None);
    }

    /// Gives each record line of a test its レコード作成者 field (1) where it
    /// has none, so that a test of another field is not refused for that.
    fn with_creators(s: &str) -> String {
        s.split_inclusive('\n')
            .map(|line| {
                let (body, end) = line.find(['\r', '\n']).map_or((line, ""), |i| line.split_at(i));
                let mut fields: Vec<String> = body.split(',').map(str::to_owned).collect();
                let Some(pos) = fields.first().and_then(|f| f.trim().parse::<u32>().ok()).and_then(creator_position)
                else {
                    return line.to_owned();
                };
                if fields.len() <= pos {
                    fields.resize(pos + 1, String::new());
                }
                if fields[pos].trim().is_empty() {
                    fields[pos] = "1".into();
                }
                format!("{}{end}", fields.join(","))
            })
            .collect()
    }

    fn parse_utf8(s: &str) -> Result<Notebook, JahisError> {
        parse_one(with_creators(s).as_bytes())
    }

    fn err(s: &str) -> JahisError {
        match parse_utf8(s) {
            Ok(nb) => panic!("expected an error, got {nb:?}"),
            Err(e) => e,
        }
    }

    fn assert_err(s: &str, code: JahisErrorCode, line: Option<usize>) -> JahisError {
        let e = err(s);
        assert_eq!((e.code, e.line), (code, line), "{e}");
        assert!(e.detail.is_ascii(), "{e}");
        if let Some(n) = line {
            assert!(e.detail.contains(&format!("line {n}")), "{e}");
        }
        e
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn inst(name: &str, code: &str) -> Institution {
        Institution { name: name.into(), code: Some(code.into()) }
    }

    fn drug(line: usize, name: &str, dose: &str, unit: &str, code: Option<(CodeKind, &str)>) -> Drug {
        Drug {
            line,
            name: name.into(),
            dose: Some(dose.into()),
            unit: Some(unit.into()),
            code: code.map(|(kind, code)| DrugCode { kind, code: code.into() }),
            generic_name: None,
            generic_code: None,
        }
    }

    fn usage(line: usize, text: &str, quantity: &str, unit: &str, form: Form, days: Option<u32>) -> Option<Usage> {
        Some(Usage {
            text: Some(text.into()),
            quantity: Some(quantity.into()),
            unit: Some(unit.into()),
            form: Some(form),
            days,
            line,
        })
    }

    fn expected_sample() -> Notebook {
        let amlodipine = Drug {
            generic_name: Some("【般】アムロジピン錠５ｍｇ".into()),
            generic_code: Some("2171022F1ZZZ".into()),
            ..drug(13, "アムロジピン錠5mg「サワイ」", "1", "錠", Some((CodeKind::Yj, "2171022F1093")))
        };
        Notebook {
            version: 8,
            output_kind: Some(1),
            patient: Some(Patient {
                name: Some("山田 花子".into()),
                kana: Some("ヤマダ ハナコ".into()),
                sex: Some(Sex::Female),
                birth_date: Some(date(1948, 4, 15)),
            }),
            notes: vec![
                Note {
                    line: 3, kind: NoteKind::Allergy, text: "ペニシリン系抗生物質でじんましん".into()
                },
                Note { line: 4, kind: NoteKind::SideEffect, text: "ロキソプロフェンで胃部不快感".into() },
            ],
            otc: vec![Otc {
                line: 5,
                name: "ガスター10".into(),
                from: Some(date(2026, 9, 1)),
                until: None,
                serial: Some(1),
                jan: Some("4987123456789".into()),
                ingredients: vec!["ファモチジン".into()],
            }],
            dispensings: vec![
                Dispensing {
                    line: 8,
                    date: date(2026, 11, 1),
                    dispenser_table: Some(4),
                    dispenser: Some(inst("さくら薬局 渋谷店", "1341234567")),
                    pharmacist: Some("薬剤 一郎".into()),
                    prescriptions: vec![Prescription {
                        prescriber: Some(inst("渋谷内科クリニック", "1317654321")),
                        doctor: Some("内科 太郎".into()),
                        rps: vec![
                            Rp {
                                number: 1,
                                usage: usage(15, "1日1回朝食後", "28", "日分", Form::Internal, Some(28)),
                                drugs: vec![amlodipine],
                            },
                            Rp {
                                number: 2,
                                usage: usage(17, "発熱時", "5", "回分", Form::AsNeeded, None),
                                drugs: vec![drug(
                                    16,
                                    "カロナール錠200",
                                    "2",
                                    "錠",
                                    Some((CodeKind::Yj, "1141007F1063")),
                                )],
                            },
                        ],
                    }],
                },
                Dispensing {
                    line: 22,
                    date: date(2026, 11, 15),
                    dispenser_table: Some(4),
                    dispenser: Some(inst("ひまわり調剤薬局", "2740123456")),
                    pharmacist: Some("薬剤 次子".into()),
                    prescriptions: vec![Prescription {
                        prescriber: Some(inst("梅田整形外科", "2711111111")),
                        doctor: Some("整形 次郎".into()),
                        rps: vec![
                            Rp {
                                number: 1,
                                usage: usage(30, "1日3回毎食後", "14", "日分", Form::Internal, Some(14)),
                                drugs: vec![
                                    drug(
                                        27,
                                        "ロキソプロフェンNa錠60mg",
                                        "3",
                                        "錠",
                                        Some((CodeKind::Yj, "1149019F1560")),
                                    ),
                                    drug(
                                        28,
                                        "レバミピド錠100mg「サワイ」",
                                        "3",
                                        "錠",
                                        Some((CodeKind::Claims, "620000001")),
                                    ),
                                ],
                            },
                            Rp {
                                number: 2,
                                usage: usage(32, "1日1回腰に貼付", "14", "日分", Form::External, None),
                                drugs: vec![drug(
                                    31,
                                    "モーラステープL40mg",
                                    "2",
                                    "枚",
                                    Some((CodeKind::Hot, "1234567890123")),
                                )],
                            },
                            Rp {
                                number: 3,
                                usage: usage(35, "1日4回両眼に点眼", "1", "調剤", Form::External, None),
                                drugs: vec![drug(34, "ヒアレイン点眼液0.1%", "1", "本", None)],
                            },
                        ],
                    }],
                },
            ],
        }
    }

    #[test]
    fn parses_realistic_shift_jis_sample() {
        let bytes = sjis(SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err(), "sample must exercise the Shift_JIS path");
        let nb = parse_one(&bytes).unwrap();
        assert_eq!(nb, expected_sample());
        assert_eq!(nb.format_version(), "2.5/2.6");
    }

    #[test]
    fn parses_utf8_with_and_without_bom() {
        let mut with_bom = UTF8_BOM.to_vec();
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(parse_one(&with_bom).unwrap(), expected_sample());
        assert_eq!(parse_utf8(SAMPLE).unwrap(), expected_sample());
    }

    #[test]
    fn accepts_lf_line_ends() {
        let lf = SAMPLE.replace("\r\n", "\n");
        assert_eq!(parse_one(&sjis(&lf)).unwrap(), expected_sample());
        assert_eq!(parse_utf8(&lf).unwrap(), expected_sample());
    }

    #[test]
    fn empty_lines_are_skipped_but_counted() {
        let nb = parse_utf8("\r\nJAHISTC05,2\r\n\r\n5,20261101\r\n\r\n201,1,A\r\n301,1\r\n").unwrap();
        assert_eq!((nb.version, nb.output_kind), (5, Some(2)));
        assert_eq!(nb.dispensings[0].line, 4);
        assert_eq!(nb.dispensings[0].prescriptions[0].rps[0].drugs[0].line, 6);
    }

    #[test]
    fn versions_2x_accepted_others_refused() {
        for v in 3..=8u8 {
            let nb = parse_utf8(&format!("JAHISTC{v:02},1\r\n")).unwrap();
            assert_eq!(nb.version, v);
            assert!(nb.dispensings.is_empty() && nb.patient.is_none());
        }
        assert_eq!(parse_utf8("JAHISTC03,1\r\n").unwrap().format_version(), "2.0");
        for v in ["01", "02", "09", "10", "99", "00"] {
            assert_err(&format!("JAHISTC{v},1\r\n5,20261101\r\n"), JahisErrorCode::UnsupportedVersion, Some(1));
        }
        assert_err("JAHISTC8,1\r\n", JahisErrorCode::UnsupportedVersion, Some(1));
        assert_err("JAHISTCxx,1\r\n", JahisErrorCode::UnsupportedVersion, Some(1));
        assert_err("JAHISTC08,x\r\n", JahisErrorCode::MalformedRecord, Some(1));
        // The output kind is required: 1 from a facility, 2 from the patient.
        assert_err("JAHISTC08\r\n", JahisErrorCode::MalformedRecord, Some(1));
        assert_err("JAHISTC08,3\r\n", JahisErrorCode::MalformedRecord, Some(1));
        assert!(parse_utf8("JAHISTC08,2\r\n").unwrap().from_patient());
    }

    #[test]
    fn parse_date_forms() {
        assert_eq!(parse_date("R070401"), Some(date(2025, 4, 1)));
        assert_eq!(parse_date("H310430"), Some(date(2019, 4, 30)));
        assert_eq!(parse_date("S630101"), Some(date(1988, 1, 1)));
        assert_eq!(parse_date("4310430"), Some(date(2019, 4, 30)));
        assert_eq!(parse_date("5070401"), Some(date(2025, 4, 1)));
        assert_eq!(parse_date("M450730"), Some(date(1912, 7, 30)));
        assert_eq!(parse_date("T150101"), Some(date(1926, 1, 1)));
        assert_eq!(parse_date("S230415"), Some(date(1948, 4, 15)));
        assert_eq!(parse_date("r010501"), Some(date(2019, 5, 1)));
        assert_eq!(parse_date("20261101"), Some(date(2026, 11, 1)));
        assert_eq!(parse_date("20240229"), Some(date(2024, 2, 29)));
        assert_eq!(parse_date(" ２０２６１１０１ "), Some(date(2026, 11, 1)));
        assert_eq!(parse_date("Ｒ０７０４０１"), None, "full-width era letters are not folded");
        for bad in [
            "20250230",
            "R070230",
            "R000101",
            "0000101",
            "6070401",
            "X070401",
            "00000101",
            "20251301",
            "2025110",
            "202511011",
            "",
            "R07041",
            "R07O401",
            "2025-11-01",
            "H31043０x",
            "+2025111",
            "R07 401",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_width_digits_are_folded() {
        let nb =
            parse_utf8("JAHISTC08,1\r\n5,２０２６１１０１\r\n201,１,薬A,１．５,錠\r\n301,１,1日2回,　７　,日分,１\r\n")
                .unwrap();
        let d = &nb.dispensings[0];
        assert_eq!(d.date, date(2026, 11, 1));
        let rp = &d.prescriptions[0].rps[0];
        assert_eq!(rp.number, 1);
        assert_eq!(rp.drugs[0].dose.as_deref(), Some("1.5"));
        let u = rp.usage.as_ref().unwrap();
        assert_eq!(u.quantity.as_deref(), Some("7"));
        assert_eq!(u.form, Some(Form::Internal));
        assert_eq!(u.days, Some(7));
    }

    #[test]
    fn days_supplied_rules() {
        let days = |form: &str, qty: &str, unit: &str| {
            let s = format!("JAHISTC08,1\r\n5,20261101\r\n201,1,A\r\n301,1,U,{qty},{unit},{form}\r\n");
            parse_utf8(&s).unwrap().dispensings[0].prescriptions[0].rps[0].usage.clone().unwrap().days
        };
        assert_eq!(days("1", "28", "日分"), Some(28));
        assert_eq!(days("2", "7", "日分"), Some(7));
        assert_eq!(days("6", "7", "日分"), Some(7));
        assert_eq!(days("7", "7", "日分"), Some(7));
        assert_eq!(days("3", "7", "日分"), None);
        assert_eq!(days("5", "7", "日分"), None);
        assert_eq!(days("", "7", "日分"), None);
        assert_eq!(days("1", "7", "回分"), None);
        assert_eq!(days("1", "0", "日分"), None);
        assert_eq!(days("1", "", "日分"), None);
        assert_eq!(days("1", "１４", "日分"), Some(14));
    }

    #[test]
    fn lenient_structure() {
        // Drugs before any 51 belong to a prescription without prescriber; missing trailing
        // fields are None.
        let nb = parse_utf8("JAHISTC08,2\r\n5,20261101\r\n55,D\r\n201,1,A\r\n201,2,B,,,1,X\r\n301,1,U\r\n301,2\r\n")
            .unwrap();
        let d = &nb.dispensings[0];
        assert_eq!(d.dispenser, None);
        assert_eq!(d.pharmacist, None);
        assert_eq!(d.prescriptions.len(), 1);
        let p = &d.prescriptions[0];
        assert_eq!(p.prescriber, None);
        assert_eq!(p.doctor.as_deref(), Some("D"));
        assert_eq!(
            p.rps[0].drugs[0],
            Drug {
                line: 4,
                name: "A".into(),
                dose: None,
                unit: None,
                code: None,
                generic_name: None,
                generic_code: None
            }
        );
        assert_eq!(
            p.rps[0].usage,
            Some(Usage { text: Some("U".into()), quantity: None, unit: None, form: None, days: None, line: 6 })
        );
        assert_eq!(p.rps[1].drugs[0].code, None, "code type 1 means no code");
        assert_eq!(p.rps[1].usage.as_ref().map(|u| u.text.clone()), Some(None), "a usage without its text");

        // Institution code only when all three parts are present.
        let nb = parse_utf8("JAHISTC08,2\r\n5,20261101\r\n11,P,13,,1234567\r\n").unwrap();
        assert_eq!(nb.dispensings[0].dispenser, Some(Institution { name: "P".into(), code: None }));
        // The patient record needs its name, sex and birth date, once and first.
        assert_eq!(err("JAHISTC08,2\r\n1,,,,\r\n").code, JahisErrorCode::MalformedRecord);
        assert_eq!(err("JAHISTC08,2\r\n5,20261101\r\n1,A,1,20000101\r\n").code, JahisErrorCode::Orphan);

        // Whitespace around fields is trimmed (including ideographic space).
        let nb = parse_utf8("JAHISTC08,1\r\n1,　山田 花子 ,1 , H310430\r\n").unwrap();
        let p = nb.patient.unwrap();
        assert_eq!(
            (p.name.as_deref(), p.sex, p.birth_date),
            (Some("山田 花子"), Some(Sex::Male), Some(date(2019, 4, 30)))
        );
    }

    #[test]
    fn error_codes_and_lines() {
        use JahisErrorCode as C;
        assert_eq!(parse(&[]).unwrap_err().code, C::Empty);
        assert_err("", C::Empty, None);
        assert_err(" \r\n\r\n", C::Empty, None);
        assert_eq!(parse_one(UTF8_BOM).unwrap_err().code, C::Empty);

        let mut bad = sjis("JAHISTC08,1\r\n5,20261101\r\n201,1,アムロジピン\r\n");
        bad.extend_from_slice(b"201,2,\x82\r\n");
        let e = parse_one(&bad).unwrap_err();
        assert_eq!((e.code, e.line), (C::Encoding, Some(4)), "{e}");
        let e = parse_one(b"JAHISTC08,1\r\n1,\x82").unwrap_err();
        assert_eq!((e.code, e.line), (C::Encoding, Some(2)), "{e}");

        assert_err("1,山田\r\n", C::MissingHeader, Some(1));
        assert_err("\r\nJAHIS,08\r\n", C::MissingHeader, Some(2));
        assert_err("JAHISTC01,1\r\n", C::UnsupportedVersion, Some(1));

        assert_err("JAHISTC08,1\r\n5,20261101\r\n999,x\r\n", C::UnknownRecord, Some(3));
        assert_err("JAHISTC08,1\r\n\r\nabc,x\r\n", C::UnknownRecord, Some(3));
        assert_err("JAHISTC08,1\r\n,x\r\n", C::UnknownRecord, Some(2));
        assert_err("JAHISTC08,1\r\n-5,x\r\n", C::UnknownRecord, Some(2));
        let e = assert_err("JAHISTC08,1\r\n0312345678,x\r\n", C::UnknownRecord, Some(2));
        assert!(!e.detail.contains("0312345678"));

        let m = C::MalformedRecord;
        let g = "JAHISTC08,1\r\n5,20261101\r\n";
        let e = assert_err(&format!("{g}201,,薬\r\n"), m, Some(3));
        assert!(e.detail.contains("field 1"), "{e}");
        let e = assert_err(&format!("{g}201,x,薬\r\n"), m, Some(3));
        assert!(e.detail.contains("field 1"), "{e}");
        let e = assert_err(&format!("{g}\r\n201,1\r\n"), m, Some(4));
        assert!(e.detail.contains("field 2") && e.detail.contains("record 201"), "{e}");
        let e = assert_err(&format!("{g}201,1,薬,1,錠,5,123\r\n"), m, Some(3));
        assert!(e.detail.contains("field 5"), "{e}");
        assert_err(&format!("{g}201,1,薬\r\n301,1,U,1,日分,8\r\n"), m, Some(4));
        assert_err(&format!("{g}201,1,薬\r\n301,1,U,1.,日分\r\n"), m, Some(4));
        assert_err(&format!("{g}201,1,薬\r\n301,,U\r\n"), m, Some(4));
        assert_err("JAHISTC08,1\r\n5\r\n", m, Some(2));
        assert_err("JAHISTC08,1\r\n5,,1\r\n", m, Some(2));
        assert_err("JAHISTC08,1\r\n1,山田,3\r\n", m, Some(2));
        assert_err("JAHISTC08,1\r\n2,4,text\r\n", m, Some(2));
        assert_err("JAHISTC08,1\r\n2,1\r\n", m, Some(2));
        assert_err(&format!("{g}11,P,131,4,1234567\r\n"), m, Some(3));
        assert_err(&format!("{g}51\r\n"), m, Some(3));
        assert_err(&format!("{g}15\r\n"), m, Some(3));

        let d = C::InvalidDate;
        assert_err("JAHISTC08,1\r\n5,20250230\r\n", d, Some(2));
        assert_err("JAHISTC08,1\r\n\r\n5,R070230\r\n", d, Some(3));
        assert_err("JAHISTC08,1\r\n5,R000101\r\n", d, Some(2));
        assert_err("JAHISTC08,1\r\n5,yesterday\r\n", d, Some(2));
        assert_err("JAHISTC08,1\r\n1,山田,2,S231315\r\n", d, Some(2));

        let o = C::Orphan;
        for rec in ["11,P", "15,P", "51,P", "55,D", "201,1,薬", "301,1,U"] {
            assert_err(&format!("JAHISTC08,1\r\n1,山田,2,19500401\r\n{rec}\r\n5,20261101\r\n"), o, Some(3));
        }
        assert_err(&format!("{g}201,1,薬\r\n301,2,U\r\n"), o, Some(4));
        assert_err(&format!("{g}301,1,U\r\n"), o, Some(3));
        // An rp of an earlier prescription or group does not adopt a later usage.
        assert_err(&format!("{g}201,1,薬\r\n51,P\r\n301,1,U\r\n"), o, Some(5));
        assert_err(&format!("{g}201,1,薬\r\n5,20261102\r\n301,1,U\r\n"), o, Some(5));
    }

    #[test]
    fn error_details_never_contain_file_data() {
        use JahisErrorCode as C;
        let cases = [
            "JAHISTC08,1\r\n1,山田 花子,9\r\n",
            "JAHISTC08,1\r\n2,7,ペニシリン系抗生物質でじんましん\r\n",
            "JAHISTC08,1\r\n201,1,アムロジピン錠5mg,1,錠,4,2171022F1093\r\n",
            "JAHISTC08,1\r\n5,20261101\r\n201,x,アムロジピン錠5mg\r\n",
            "JAHISTC08,1\r\n5,20261101\r\n201,1,アムロジピン錠5mg,1,錠,8,2171022F1093\r\n",
            "JAHISTC08,1\r\n5,山田\r\n",
            "JAHISTC08,1\r\n山田,さくら薬局\r\n",
            "山田 花子\r\n",
            "JAHISTC08,1\r\n5,20261101\r\n11,さくら薬局,1,4,1234567\r\n",
        ];
        for case in cases {
            let e = err(case);
            assert_ne!(e.code, C::Empty);
            let shown = format!("{e} {e:?}");
            for p in PERSONAL {
                assert!(!shown.contains(p), "{shown}");
            }
            assert!(e.detail.is_ascii());
        }
    }

    #[test]
    fn error_code_strings() {
        use JahisErrorCode as C;
        let all = [
            (C::Empty, "empty"),
            (C::Encoding, "encoding"),
            (C::MissingHeader, "missing_header"),
            (C::UnsupportedVersion, "unsupported_version"),
            (C::UnknownRecord, "unknown_record"),
            (C::MalformedRecord, "malformed_record"),
            (C::InvalidDate, "invalid_date"),
            (C::Orphan, "orphan"),
            (C::MissingSplitPart, "missing_split_part"),
            (C::InconsistentSplit, "inconsistent_split"),
        ];
        for (code, s) in all {
            assert_eq!(code.as_str(), s);
            assert_eq!(code.to_string(), s);
        }
        let e = err("JAHISTC08,1\r\n5,20250230\r\n");
        assert_eq!(e.to_string(), format!("JAHIS invalid_date: {}", e.detail));
    }

    // ----- split data -----

    /// One part as the specification lays it out: the version record, the
    /// part's records, and the split-control record 911 last.
    fn part(header: &str, id: &str, total: u32, number: u32, payload: &[u8]) -> Vec<u8> {
        let mut v = format!("{header}\r\n").into_bytes();
        v.extend_from_slice(payload);
        v.extend_from_slice(format!("911,{id},{total},{number}\r\n").as_bytes());
        v
    }

    /// Splits the payload (everything after the version line) at the given byte
    /// offsets, each moved back to the start of its record (data is split at
    /// record boundaries).
    fn split_sample(bytes: &[u8], cuts: &[usize], id: &str) -> Vec<Vec<u8>> {
        let (header, payload) = split_first_line(bytes);
        let header = std::str::from_utf8(header).unwrap();
        let line_start = |i: usize| payload[..i].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let mut bounds = vec![0];
        bounds.extend(cuts.iter().map(|&c| line_start(c)));
        bounds.push(payload.len());
        let total = u32::try_from(bounds.len() - 1).unwrap();
        bounds
            .windows(2)
            .enumerate()
            .map(|(i, w)| part(header, id, total, u32::try_from(i + 1).unwrap(), &payload[w[0]..w[1]]))
            .collect()
    }

    fn refs(parts: &[Vec<u8>]) -> Vec<&[u8]> {
        parts.iter().map(Vec::as_slice).collect()
    }

    /// Byte offset, inside the payload, of the middle of the first character of `needle`.
    fn mid_char_cut(needle: &str) -> usize {
        let start = SAMPLE.find(needle).unwrap();
        let header_len = SAMPLE.find('\n').unwrap() + 1;
        let before = sjis(&SAMPLE[header_len..start]).len();
        let first = needle.chars().next().unwrap();
        assert_eq!(sjis(&first.to_string()).len(), 2, "cut must fall in a 2-byte character");
        before + 1
    }

    #[test]
    fn split_inside_an_rp_in_reversed_order() {
        let bytes = sjis(SAMPLE);
        // As in the specification's example, the second part starts inside a dispensing and an Rp.
        let cut = mid_char_cut("レバミピド錠");
        let parts = split_sample(&bytes, &[cut], "20261115093000");
        assert_eq!(parts.len(), 2);
        let nb = parse(&[&parts[1], &parts[0]]).unwrap();
        assert_eq!(nb, expected_sample());
        let names: Vec<&str> = nb
            .dispensings
            .iter()
            .flat_map(|d| &d.prescriptions)
            .flat_map(|p| &p.rps)
            .flat_map(|rp| &rp.drugs)
            .map(|d| d.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "アムロジピン錠5mg「サワイ」",
                "カロナール錠200",
                "ロキソプロフェンNa錠60mg",
                "レバミピド錠100mg「サワイ」",
                "モーラステープL40mg",
                "ヒアレイン点眼液0.1%",
            ]
        );
    }

    #[test]
    fn a_part_alone_is_refused_naming_what_is_missing() {
        let bytes = sjis(SAMPLE);
        let parts =
            split_sample(&bytes, &[mid_char_cut("ロキソプロフェンNa錠"), mid_char_cut("ヒアレイン")], "20261115093000");
        assert_eq!(parts.len(), 3);
        for (i, p) in parts.iter().enumerate() {
            let e = parse_one(p).unwrap_err();
            assert_eq!(e.code, JahisErrorCode::MissingSplitPart);
            assert!(e.detail.contains("2 of 3 split parts missing"), "{e}");
            assert!(!e.detail.contains(&(i + 1).to_string()[..]) || e.detail.matches(',').count() == 1, "{e}");
        }
        let e = parse(&[&parts[0], &parts[2]]).unwrap_err();
        assert!(e.detail.ends_with("missing: 2"), "{e}");
        // With an EOF byte after each part, and the parts in any order.
        let with_eof: Vec<Vec<u8>> = parts.iter().map(|p| [p.as_slice(), b"\x1a"].concat()).collect();
        assert_eq!(parse(&[&with_eof[2], &with_eof[0], &with_eof[1]]).unwrap(), expected_sample());
    }

    #[test]
    fn an_eof_byte_may_end_the_data() {
        let mut bytes = sjis(SAMPLE);
        bytes.push(0x1A);
        assert_eq!(parse_one(&bytes).unwrap(), expected_sample());
    }

    /// A partial read cuts a record short: every cut inside a record of a
    /// dispensing (not at a record's end) is refused, never read as whole.
    #[test]
    fn data_cut_inside_a_record_is_refused() {
        let start = SAMPLE.find("\r\n5,").unwrap() + 2;
        let end = SAMPLE.find("\r\n411,").unwrap();
        for (at, _) in SAMPLE.char_indices().filter(|(i, _)| *i > start && *i < end) {
            let before = &SAMPLE[..at];
            let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
            // At a record's very end (its last field complete) the data is whole as far as it goes.
            let complete = SAMPLE[at..].starts_with('\r') || SAMPLE[at..].starts_with('\n') || line.is_empty();
            if complete {
                continue;
            }
            assert!(parse_one(&sjis(before)).is_err(), "cut after {line:?} was read as whole");
        }
        // A dose cut inside its number, and an Rp whose usage was lost.
        let g = "JAHISTC08,1\r\n5,20261101,1\r\n";
        let e = err(&format!("{g}201,1,薬,1.,錠,1,,1\r\n301,1,U,7,日分,1,1,,1\r\n"));
        assert_eq!((e.code, e.line), (JahisErrorCode::MalformedRecord, Some(3)), "{e}");
        let e = err(&format!("{g}201,1,薬,1,錠,1,,1\r\n301,1,U,7,日分,1,1,,1\r\n201,2,薬B,1,錠,1,,1\r\n"));
        assert_eq!((e.code, e.line), (JahisErrorCode::Incomplete, Some(5)), "{e}");
        // From the patient's app (output kind 2) too, every Rp has its 301; its text may be left out.
        assert_eq!(err("JAHISTC08,2\r\n5,20261101,2\r\n201,1,薬B,,,,,2\r\n").code, JahisErrorCode::Incomplete);
        assert!(parse_utf8("JAHISTC08,2\r\n5,20261101,2\r\n201,1,薬B,,,,,2\r\n301,1,,,,,,,2\r\n").is_ok());
    }

    /// 301's usage text is required of a pharmacy except for materials and
    /// "other" forms; a medical institution may leave it out.
    #[test]
    fn usage_text_is_conditional() {
        let pharmacy = "JAHISTC08,1\r\n5,20261101,1\r\n11,P薬局,14,4,1234567,,,,1\r\n51,C医院,14,1,7654321,1\r\n";
        let ok = |form: &str| parse_utf8(&format!("{pharmacy}201,1,X,1,枚,1,,1\r\n301,1,,1,調剤,{form},1,,1\r\n"));
        assert!(ok("9").is_ok(), "material");
        assert!(ok("10").is_ok(), "other");
        assert_eq!(ok("1").unwrap_err().code, JahisErrorCode::Incomplete);
        let hospital = "JAHISTC08,1\r\n5,20261101,1\r\n11,H病院,14,1,7654321,,,,1\r\n";
        let n = parse_utf8(&format!("{hospital}201,1,X,3,錠,1,,1\r\n301,1,,5,日分,1,1,,1\r\n")).unwrap();
        assert_eq!(n.dispensings[0].prescriptions[0].rps[0].usage.as_ref().unwrap().text, None);
    }

    #[test]
    fn otc_ingredients_and_generic_names() {
        let n = parse_one(&sjis(SAMPLE)).unwrap();
        assert_eq!(n.otc[0].ingredients, ["ファモチジン"]);
        let e = err("JAHISTC08,1\r\n31,1,成分,1,,1\r\n");
        assert_eq!(e.code, JahisErrorCode::Orphan, "{e}");
        let g = "JAHISTC08,1\r\n5,20261101,1\r\n";
        let e = err(&format!("{g}201,1,薬,1,錠,4,2171022F1093,1,【般】アムロ\r\n"));
        assert!(e.detail.contains("field 9"), "{e}");
        let e = err(&format!("{g}201,1,薬,1,錠,4,2171022F1093,1,【般】アムロジピン,2,2171022F1\r\n"));
        assert!(e.detail.contains("field 10"), "{e}");
        let e = err(&format!("{g}201,1,薬,1,錠,4,2171022F10,1\r\n"));
        assert!(e.detail.contains("field 6"), "{e}");
    }

    #[test]
    fn split_errors() {
        use JahisErrorCode as C;
        let bytes = sjis(SAMPLE);
        let (header, payload) = split_first_line(&bytes);
        let header = std::str::from_utf8(header).unwrap();
        // Parts end at record boundaries: ten records each.
        let ends: Vec<usize> = payload.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect();
        let chunk = |i: usize| &payload[if i == 0 { 0 } else { ends[i * 10 - 1] }..ends[(i + 1) * 10 - 1]];

        // Missing parts are listed by number.
        let p1 = part(header, "12345678901234", 3, 1, chunk(0));
        let p3 = part(header, "12345678901234", 3, 3, chunk(2));
        let e = parse(&[&p3, &p1]).unwrap_err();
        assert_eq!((e.code, e.line), (C::MissingSplitPart, None));
        assert!(e.detail.contains("missing: 2"), "{e}");
        let e = parse(&[&p3]).unwrap_err();
        assert_eq!(e.code, C::MissingSplitPart);
        assert!(e.detail.contains("missing: 1, 2"), "{e}");
        let huge = part(header, "12345678901234", u32::MAX, 1, chunk(0));
        let e = parse(&[&huge]).unwrap_err();
        assert_eq!(e.code, C::MissingSplitPart);
        assert!(e.detail.len() < 300 && e.detail.ends_with("..."), "{e}");

        // Inconsistent sets.
        let p2 = part(header, "12345678901234", 3, 2, chunk(1));
        let other_id = part(header, "99999999999999", 3, 2, chunk(1));
        let other_total = part(header, "12345678901234", 4, 2, chunk(1));
        let other_header = part("JAHISTC07,1", "12345678901234", 3, 2, chunk(1));
        let out_of_range = part(header, "12345678901234", 3, 4, chunk(1));
        let zero = part(header, "12345678901234", 3, 0, chunk(1));
        for bad in [&other_id, &other_total, &other_header, &out_of_range, &zero] {
            let e = parse(&[&p1, bad, &p3]).unwrap_err();
            assert_eq!((e.code, e.line), (C::InconsistentSplit, None), "{e}");
        }
        let e = parse(&[&p1, &p2, &p2]).unwrap_err();
        assert_eq!(e.code, C::InconsistentSplit);
        assert!(e.detail.contains("part 2"), "{e}");
        let zero_total = part(header, "12345678901234", 0, 1, chunk(0));
        assert_eq!(parse(&[&zero_total]).unwrap_err().code, C::InconsistentSplit);
        // Several inputs of which one is not a split part.
        let e = parse(&[&p1, &bytes]).unwrap_err();
        assert_eq!(e.code, C::InconsistentSplit);
        assert!(e.detail.contains("input #2"), "{e}");
        let bad_911 = format!("{header}\r\n911,12345678901234,x,1\r\n").into_bytes();
        assert_eq!(parse(&[&bad_911]).unwrap_err().code, C::MalformedRecord);

        // A complete set of one part is fine, and so is a 911 record later in a whole file.
        let whole = part(header, "12345678901234", 1, 1, payload);
        assert_eq!(parse_one(&whole).unwrap(), expected_sample());
        let mut later = bytes.clone();
        later.extend_from_slice(b"911,12345678901234,1,1\r\n");
        assert_eq!(parse_one(&later).unwrap(), expected_sample());
        // Errors after joining are numbered over the joined text (911 lines are not counted).
        let p1 = part("JAHISTC08,1", "12345678901234", 2, 1, b"5,20261101,1\r\n");
        let p2 = part("JAHISTC08,1", "12345678901234", 2, 2, b"201,1,A,,,,,1\r\n301,2,U,,,,,,1\r\n");
        let e = parse(&[&p2, &p1]).unwrap_err();
        assert_eq!((e.code, e.line), (C::Orphan, Some(4)), "{e}");
    }

    // ----- robustness -----

    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap()).unwrap()
        }
    }

    fn check_no_leak(result: &Result<Notebook, JahisError>) {
        if let Err(e) = result {
            assert!(e.detail.is_ascii(), "{e}");
            for p in PERSONAL {
                assert!(!e.detail.contains(p), "{e}");
            }
        }
    }

    #[test]
    fn random_splits_roundtrip() {
        let bytes = sjis(SAMPLE);
        let (_, payload) = split_first_line(&bytes);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..200 {
            let n = 1 + rng.below(6);
            let mut cuts: Vec<usize> = (1..n).map(|_| rng.below(payload.len() + 1)).collect();
            cuts.sort_unstable();
            cuts.dedup_by_key(|c| payload[..*c].iter().rposition(|&b| b == b'\n'));
            let parts = split_sample(&bytes, &cuts, "20261115093000");
            let mut order = refs(&parts);
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            assert_eq!(parse(&order).unwrap(), expected_sample());
        }
    }

    #[test]
    fn garbage_never_panics() {
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let fixed: [&[u8]; 14] = [
            b"",
            b"\xEF\xBB\xBF",
            b"\x82",
            b"JAHISTC08,1\r\n\x82",
            b"JAHISTC08,1\r\n1,\x82\xA0\xFF",
            b"\xFF\xFE\x00J\x00A",
            b"JAHISTC",
            b"JAHISTC08",
            b"JAHISTC08,1\r\n911",
            b"JAHISTC08,1\r\n911,,,\r\n",
            b"\n\n\n",
            b"\r\r\r",
            b",,,,\r\n,,,",
            b"JAHISTC08,1\r\n\xE3\x81",
        ];
        for f in fixed {
            let result = parse(&[f]);
            assert!(result.is_err() || f.starts_with(b"JAHISTC08"));
            check_no_leak(&result);
            check_no_leak(&parse(&[f, f]));
        }

        // Random bytes, random bytes behind a valid header, several random parts.
        for _ in 0..2000 {
            let len = rng.below(200);
            let junk: Vec<u8> = (0..len).map(|_| u8::try_from(rng.next() & 0xFF).unwrap()).collect();
            check_no_leak(&parse(&[&junk]));
            let mut with_header = b"JAHISTC08,1\r\n".to_vec();
            with_header.extend_from_slice(&junk);
            check_no_leak(&parse(&[&with_header]));
            let mut as_part = b"JAHISTC08,1\r\n911,A,2,1\r\n".to_vec();
            as_part.extend_from_slice(&junk);
            check_no_leak(&parse(&[&as_part, b"JAHISTC08,1\r\n911,A,2,2\r\n\x82"]));
        }

        // Every truncation of the real sample, in both encodings (cuts multibyte characters too).
        let sj = sjis(SAMPLE);
        for bytes in [sj.as_slice(), SAMPLE.as_bytes()] {
            for end in 0..=bytes.len() {
                check_no_leak(&parse(&[&bytes[..end]]));
            }
        }

        // Random byte mutations of the sample, and of one split part.
        let parts = split_sample(&sj, &[500, 900], "20261115093000");
        for _ in 0..3000 {
            let mut m = sj.clone();
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(m.len());
                m[i] = u8::try_from(rng.next() & 0xFF).unwrap();
            }
            check_no_leak(&parse(&[&m]));
            let mut ps = parts.clone();
            let which = rng.below(ps.len());
            let i = rng.below(ps[which].len());
            ps[which][i] = u8::try_from(rng.next() & 0xFF).unwrap();
            check_no_leak(&parse(&refs(&ps)));
        }
    }

    #[test]
    fn a_dispensing_is_identified_by_what_it_says() {
        let n = parse_one(&sjis(SAMPLE)).unwrap();
        let (a, b) = (&n.dispensings[0], &n.dispensings[1]);
        assert_ne!(a.identity(), b.identity());
        // Spacing and width do not matter; what is dispensed does.
        let mut same = a.clone();
        same.dispenser.as_mut().unwrap().name = "さくら薬局　渋谷店".into();
        same.prescriptions[0].rps[0].usage = None;
        assert_eq!(same.identity(), a.identity(), "a corrected usage is the same dispensing");
        let mut other = a.clone();
        other.prescriptions[0].prescriber.as_mut().unwrap().name = "渋谷眼科".into();
        assert_ne!(other.identity(), a.identity(), "another clinic's prescription is another dispensing");
        let mut other = a.clone();
        other.prescriptions[0].rps[0].drugs[0].name = "ニフェジピン".into();
        assert_ne!(other.identity(), a.identity());
        assert_eq!(
            n.dispensings[1].prescriptions[0].rps[0].drugs[1].code.as_ref().unwrap().standard().unwrap().system,
            crate::domain::medication::CodeSystem::Claims
        );
    }

    /// Data in the shapes of the specification's own output examples (付録1),
    /// written anew here: a hospital dispensing in house (11 with 点数表 1, no 51,
    /// the usage text left out), materials and "other" forms without usage
    /// text, two doctors (55) in one dispensing with the Rp numbers running on,
    /// 411 with empty fields before its creator, 701 without its contact, an
    /// OTC medicine (3) with its ingredients (31), and the patient's own output
    /// (出力区分 2) carrying names only.
    #[test]
    fn reads_the_shapes_of_the_specifications_examples() {
        let hospital = "JAHISTC08,1\r\n\
1,見本 一郎,1,19580303,,,,,,,\r\n\
3,ﾊﾞﾌｧﾘﾝ,R070406,R070409,2,1,\r\n\
31,1,アセチルサリチル酸,1,,2\r\n\
5,R071101,1\r\n\
11,見本総合病院,13,1,1234567,,,,1\r\n\
201,1,ﾃﾞﾊﾟｹﾝR錠200,2,錠,4,1139004G1031,1,,,\r\n\
301,1,,14,日分,1,1,,1\r\n\
5,R071102,1\r\n\
11,見本薬局 駅前店,13,4,7654321,,,,1\r\n\
15,見本 花子,,1\r\n\
51,見本クリニック,13,1,1111111,1\r\n\
55,内科 医師,内科,1\r\n\
201,1,アムロジピン錠5mg,1,錠,4,2171022F1093,1,【般】アムロジピン錠５ｍｇ,2,2171022F1ZZZ\r\n\
301,1,1日1回朝食後,28,日分,1,1,,1\r\n\
201,2,滅菌ガーゼ,10,枚,1,,1,,,\r\n\
301,2,,1,調剤,9,1,,1\r\n\
55,皮膚科 医師,皮膚科,1\r\n\
201,3,保湿クリーム,1,本,1,,1,,,\r\n\
301,3,,1,調剤,10,1,,1\r\n\
411,退院後も継続,31,,,,,,1\r\n\
701,見本 花子,見本薬局 駅前店,,,,1\r\n\x1a";
        let n = parse_one(&sjis(hospital)).unwrap();
        assert_eq!(n.otc[0].ingredients, ["アセチルサリチル酸"]);
        let in_house = &n.dispensings[0];
        assert_eq!(in_house.dispenser_table, Some(1));
        assert_eq!(in_house.prescriptions[0].rps[0].usage.as_ref().unwrap().text, None);
        let pharmacy = &n.dispensings[1];
        let rps = &pharmacy.prescriptions[0].rps;
        assert_eq!(rps.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 2, 3], "Rp numbers run on across doctors");
        assert_eq!(rps[0].drugs[0].generic_code.as_deref(), Some("2171022F1ZZZ"));
        assert_eq!(rps[1].usage.as_ref().unwrap().form, Some(Form::Material));

        let from_app = "JAHISTC08,2\r\n\
1,見本 一郎,1,19580303,,,,,,,\r\n\
5,R071102,2\r\n\
11,見本薬局 駅前店,,,,,,,2\r\n\
51,見本クリニック,,,,2\r\n\
201,1,アムロジピン錠5mg,,,,,2\r\n\
301,1,【分１ 朝食後服用】,,,,,,2\r\n";
        let app = parse_one(&sjis(from_app)).unwrap();
        assert!(app.from_patient());
        // The same dispensing, from the pharmacy and from the patient's app.
        let from_pharmacy = &n.dispensings[1];
        let mut only_rp1 = from_pharmacy.clone();
        only_rp1.prescriptions[0].rps.truncate(1);
        assert_eq!(app.dispensings[0].identity(), only_rp1.identity());
    }

    #[test]
    fn the_amount_handed_over_is_dose_times_quantity() {
        let n = parse_one(&sjis(SAMPLE)).unwrap();
        let rp = &n.dispensings[0].prescriptions[0].rps[0];
        assert_eq!(rp.drugs[0].total(rp.usage.as_ref()), Some(("28".into(), "錠".into())), "1 a day for 28 days");
        let as_needed = &n.dispensings[0].prescriptions[0].rps[1];
        assert_eq!(
            as_needed.drugs[0].total(as_needed.usage.as_ref()),
            Some(("10".into(), "錠".into())),
            "2 a time, 5 times"
        );
        let d = |dose: &str, qty: &str| {
            let drug = Drug { dose: Some(dose.into()), unit: Some("g".into()), ..rp.drugs[0].clone() };
            let usage = Usage { quantity: Some(qty.into()), ..rp.usage.clone().unwrap() };
            drug.total(Some(&usage)).map(|t| t.0)
        };
        assert_eq!(d("0.1", "3").as_deref(), Some("0.3"), "no binary rounding");
        assert_eq!(d("1.5", "14").as_deref(), Some("21"));
        assert_eq!(d("0.05", "7").as_deref(), Some("0.35"));
    }

    #[test]
    fn a_dispensing_cut_at_a_record_end_is_told_from_a_whole_one() {
        let n = parse_one(&sjis(SAMPLE)).unwrap();
        let whole = n.dispensings[1].content();
        assert_eq!(whole.len(), 4);
        assert_eq!(overlap(&whole[..2], &whole), Overlap::PartOfHeld);
        assert_eq!(overlap(&whole, &whole[..3]), Overlap::Completes);
        assert_eq!(overlap(&whole, &whole), Overlap::None, "the same dispensing is the same identity");
        let other = n.dispensings[0].content();
        assert_eq!(overlap(&other, &whole), Overlap::None);
        let key = record_key("r1", "abc#2", 0, 3, 1);
        assert_eq!(parse_record_key(&key), Some(("abc#2", 0, 3, 1)));
        assert_eq!(parse_record_key("jahis|r1|2026-11-01|x#1|0|1|0"), None, "the earlier, position-based keys");
    }

    #[test]
    fn a_key_made_for_one_record_reads_for_the_record_it_is_combined_into() {
        let (a, b) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        let key = record_key(a, "0123abcd", 1, 2, 3);
        assert_eq!(rekeyed(&key, a, b), Some(record_key(b, "0123abcd", 1, 2, 3)));
        let note = format!("jahis:{a}:note:allergy:beef");
        assert_eq!(rekeyed(&note, a, b), Some(format!("jahis:{b}:note:allergy:beef")));
        assert_eq!(rekeyed(&key, b, a), None, "not a key of that record");
        assert_eq!(rekeyed("fhir-id-1", a, b), None);
    }
}
