//! The `renkei` command line: `serve` (the default), `migrate`, `openapi`,
//! and `admin` for operators. Admin commands run the same use cases as the
//! API, as an operator actor, and are audited like everything else.

use std::io::Write;

use clap::{Args, Parser, Subcommand};

use crate::domain::actor::Actor;
use crate::domain::audit::Channel;
use crate::domain::facility::{FacilityKind, NewFacility};
use crate::domain::lang::Lang;
use crate::domain::network::NewNetwork;
use crate::errors::texts as messages;
use crate::service::{ServiceError, consent_documents, entry_points, facility_keys, mail, networks};
use crate::state::AppState;

#[derive(Debug, Parser)]
#[command(
    name = "renkei",
    version,
    about = "renkei: the resident side of a regional medical and care information-sharing network",
    long_about = "renkei: the resident side of a regional medical and care information-sharing network.\n\
                  Configuration comes from RENKEI_* environment variables (see README.md)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the web app (the default)
    Serve {
        /// Seed a clearly labelled demo network with demo facilities (once)
        #[arg(long)]
        demo: bool,
    },
    /// Bring the database schema up to date and exit (as the owner: with
    /// RENKEI_MIGRATION_DATABASE_URL if set, else RENKEI_DATABASE_URL)
    Migrate {
        /// Then give this PostgreSQL role what the service needs and no
        /// more: it may read and append the audit log, not change it
        #[arg(long, value_name = "ROLE")]
        grant: Option<String>,
    },
    /// Print the OpenAPI specification (JSON)
    Openapi,
    /// Print the error texts the web app shows, in Japanese and English (JSON)
    ErrorTexts,
    /// Operator commands
    Admin(AdminArgs),
}

#[derive(Debug, Args)]
pub struct AdminArgs {
    /// Who is running the command, for the audit log (default: the login name)
    #[arg(long, global = true, env = "RENKEI_OPERATOR")]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Networks served by this deployment
    #[command(subcommand)]
    Network(NetworkCommand),
    /// Participating facilities
    #[command(subcommand)]
    Facility(FacilityCommand),
    /// Entry points: the QR codes on posters and leaflets that start a registration
    #[command(subcommand, name = "entry-point")]
    EntryPoint(EntryPointCommand),
    /// Consent documents
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// Mail delivery
    #[command(subcommand)]
    Mail(MailCommand),
    /// Registrations that may be a person already registered, for the network office
    #[command(subcommand)]
    Review(ReviewCommand),
    /// Residents' requests to correct what is held about them, for the network office
    #[command(subcommand)]
    Correction(CorrectionCommand),
    /// Proxy links waiting for confirmation or past their review date, for the network office
    #[command(subcommand)]
    Proxy(ProxyCommand),
    /// Residents' records: combining two found to be one person
    #[command(subcommand)]
    Person(PersonCommand),
    /// Facilities' staff: reception, administrators, clinical roles
    #[command(subcommand)]
    Staff(StaffCommand),
    /// Facilities' looks at residents' records, for the network office
    #[command(subcommand)]
    Access(AccessCommand),
    /// The audit log's hash chain
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Copy the whole (SQLite) database to FILE while renkei serves, and check
    /// the copy; with --check, check an existing backup. PostgreSQL: pg_dump.
    Backup {
        /// The backup file to write (must not exist), or to check
        file: std::path::PathBuf,
        /// Check FILE instead of writing it
        #[arg(long)]
        check: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a staff member and print their one-time enrolment link (7 days)
    Invite {
        /// The facility's code
        #[arg(long)]
        facility: String,
        /// reception, facility_admin, doctor, dentist, pharmacist, nurse, care_manager or care_worker
        #[arg(long)]
        role: String,
        /// The staff member's name, as colleagues know it
        #[arg(long)]
        name: String,
    },
    /// The staff members
    List {
        #[arg(long)]
        facility: Option<String>,
        /// As a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Disable a staff member; their sessions end at once
    Disable {
        /// The staff member's id (from `list`)
        #[arg(long)]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain: report every edited, deleted, inserted or
    /// reordered entry (and which), exiting non-zero if there is one
    Verify {
        /// Also check the signed checkpoints in this folder against the
        /// chain (a log cut at its end shows only against them); by default
        /// the deployment's folder, if there is one
        #[arg(long, env = "RENKEI_AUDIT_CHECKPOINT_DIR")]
        checkpoints: Option<std::path::PathBuf>,
        /// The public key (hex) the checkpoints must be signed with, as
        /// `GET /api/audit/public-key` gives it
        #[arg(long, value_name = "HEX")]
        public_key: Option<String>,
        /// Or the signing key file, whose public key that is (default: the
        /// deployment's, if set)
        #[arg(long, env = "RENKEI_AUDIT_KEY_FILE")]
        key_file: Option<std::path::PathBuf>,
        /// As JSON
        #[arg(long)]
        json: bool,
    },
    /// Make a new signing key for checkpoints into FILE (which must not
    /// exist; keep it outside the database and its backups), and print its
    /// public key
    Keygen {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Sign the chain's state now into a checkpoint file, after a walk that
    /// finds nothing wrong
    Checkpoint {
        /// The signing key (from `keygen`)
        #[arg(long, env = "RENKEI_AUDIT_KEY_FILE")]
        key_file: std::path::PathBuf,
        /// Where checkpoints are kept, outside the database
        #[arg(long, env = "RENKEI_AUDIT_CHECKPOINT_DIR", default_value = crate::config::DEFAULT_AUDIT_CHECKPOINT_DIR)]
        dir: std::path::PathBuf,
    },
}

/// `renkei admin audit keygen`: needs no database (`main` runs it before
/// opening one).
pub fn keygen(path: &std::path::Path, out: &mut dyn Write) -> Result<(), AdminError> {
    if path.exists() {
        return Err(AdminError::Invalid(vec![format!("{} exists: choose a new file", path.display())]));
    }
    let text = crate::domain::audit_chain::new_key_text(&mut rand::rng());
    let key = crate::domain::audit_chain::parse_key(&text)
        .ok_or_else(|| AdminError::Failed("a new key did not read back".into()))?;
    write_private(path, &text)?;
    line(out, &format!("public key {}", crate::domain::audit_chain::public_key_hex(&key)))
}

/// Writes a secret file readable by its owner only.
fn write_private(path: &std::path::Path, text: &str) -> Result<(), AdminError> {
    use std::io::Write as _;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    let mut f = o.open(path).map_err(|e| AdminError::Failed(format!("{}: {e}", path.display())))?;
    f.write_all(format!("{text}\n").as_bytes()).map_err(|e| AdminError::Failed(format!("{}: {e}", path.display())))
}

fn read_key(path: &std::path::Path) -> Result<ed25519_dalek::SigningKey, AdminError> {
    use crate::service::audit_verify::{KeyFileError, read_key_file};
    read_key_file(path).map_err(|e| match e {
        KeyFileError::Unreadable(why) => AdminError::Failed(why),
        e @ KeyFileError::NotAKey(_) => AdminError::Invalid(vec![e.to_string()]),
    })
}

#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// Without --id: the emergency accesses not yet reviewed (oldest first)
    /// and unusual use in the last 24 hours. With --id and --outcome: record
    /// the review of one emergency access (the resident sees the outcome).
    Review {
        /// The emergency access's id (from the list)
        #[arg(long, requires = "outcome")]
        id: Option<String>,
        /// appropriate or inappropriate
        #[arg(long, requires = "id")]
        outcome: Option<String>,
        /// What the office found (required for inappropriate)
        #[arg(long, requires = "id")]
        note: Option<String>,
        /// As JSON
        #[arg(long, conflicts_with = "id")]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CorrectionCommand {
    /// The requests, oldest first
    List {
        /// Only those not answered yet
        #[arg(long)]
        open: bool,
        /// As a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Answer a request; the resident is told by mail and reads the answer in the app
    Answer {
        /// The request's id (from `list`)
        #[arg(long)]
        id: String,
        /// corrected or declined
        #[arg(long)]
        status: String,
        /// The answer the resident reads (declined: say why and what they can do)
        #[arg(long)]
        answer: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProxyCommand {
    /// Active links not confirmed yet, or past their review date, oldest first
    Pending,
    /// Confirm a link (or renew it) after reviewing documents; both people are mailed
    Confirm {
        /// The link's id (from `pending`)
        #[arg(long)]
        link: String,
        /// What the documents show: person_agreed (the person's agreement
        /// in writing) or legal_representative (an appointment as 成年後見人
        /// or the like)
        #[arg(long)]
        basis: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Combine two records of one person (checked against documents: a
    /// review item, the person's identity document). Without --confirm it
    /// only shows what would happen. The retired record's insurance,
    /// consents, records, proxies and passkeys move to the kept one; its
    /// number still finds the person; the person is mailed.
    Merge {
        /// The registration number of the record to retire
        #[arg(long)]
        from: String,
        /// The registration number of the record to keep (the one the person
        /// signs in with, if only one does)
        #[arg(long)]
        into: String,
        /// Do it
        #[arg(long)]
        confirm: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// The open items, oldest first
    List,
    /// Close an item once dealt with (records checked, people asked, a proxy confirmed or a card corrected)
    Resolve {
        /// The item's id (from `list`)
        #[arg(long)]
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Publish a new version of a network's consent document. Each file: the
    /// first line is the title, the next paragraph the plain summary shown
    /// before agreeing; the whole file is the full text.
    Publish {
        #[arg(long)]
        network: String,
        /// The Japanese text (UTF-8 file)
        #[arg(long)]
        ja: std::path::PathBuf,
        /// The English translation (UTF-8 file)
        #[arg(long)]
        en: std::path::PathBuf,
        /// The day it takes effect (Japan time), e.g. 2027-04-01; default: now
        #[arg(long)]
        effective: Option<String>,
        /// Ask people who consented to an earlier version to consent again
        #[arg(long)]
        requires_reconsent: bool,
    },
    /// List every version of a network's consent document
    List {
        #[arg(long)]
        network: String,
    },
    /// Consents in a network: joined, withdrawn, by channel, by entry point and by month
    Stats {
        #[arg(long)]
        network: String,
        /// As JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum EntryPointCommand {
    /// Create an entry point and print its code, address and QR code address
    Add {
        /// Network code
        #[arg(long)]
        network: String,
        /// The facility whose poster or leaflet carries it (10-digit code)
        #[arg(long)]
        facility: Option<String>,
        /// What it is for, seen only by the network office (e.g. "待合室ポスター 2027")
        #[arg(long)]
        label: String,
    },
    /// List entry points, newest first
    List {
        /// Only those of this network
        #[arg(long)]
        network: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Withdraw an entry point: its QR code then leads to the network's page, not the registration
    Disable {
        #[arg(long)]
        code: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum NetworkCommand {
    /// Add a network
    Add {
        /// Short code: 2-32 lowercase letters, digits and hyphens (e.g. sakura)
        #[arg(long)]
        code: String,
        /// Japanese name (e.g. さくらネット)
        #[arg(long)]
        name: String,
        /// English name
        #[arg(long)]
        name_en: Option<String>,
    },
    /// List networks
    List {
        #[arg(long)]
        json: bool,
    },
    /// Which parts of a person's record each profession at the network's
    /// facilities sees: show the table, set one role's parts, or put a role
    /// back to the default
    Parts {
        /// The network's code
        #[arg(long)]
        network: String,
        /// The role to change (doctor, dentist, pharmacist, nurse, care_manager, care_worker)
        #[arg(long, requires = "change")]
        role: Option<String>,
        /// The role's parts, comma-separated: current_medicines, medication_history,
        /// allergies, contraindications, emergency_contact ("" for none)
        #[arg(long, group = "change")]
        parts: Option<String>,
        /// Put the role back to the default
        #[arg(long, group = "change", requires = "role")]
        reset: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum FacilityCommand {
    /// Add a facility to one or more networks
    Add {
        /// 10-digit facility code (医療機関コード or 事業所番号)
        #[arg(long)]
        code: String,
        /// Japanese name
        #[arg(long)]
        name: String,
        /// English name
        #[arg(long)]
        name_en: Option<String>,
        /// hospital, clinic, dental_clinic, pharmacy, visiting_nursing_station or care_provider
        #[arg(long)]
        kind: String,
        /// Network code; repeat for several networks
        #[arg(long = "network", required = true)]
        networks: Vec<String>,
    },
    /// List facilities
    List {
        /// Only facilities of this network
        #[arg(long)]
        network: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// API keys for a facility's system (FHIR and JAHIS intake)
    #[command(subcommand)]
    Key(FacilityKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum FacilityKeyCommand {
    /// Issue a key; it is printed once and cannot be shown again
    Create {
        /// The facility's 10-digit code
        #[arg(long)]
        facility: String,
        /// What it is for, e.g. "電子カルテ連携 2027"
        #[arg(long)]
        label: String,
    },
    /// List keys (never the keys themselves), newest first
    List {
        /// Only the keys of this facility
        #[arg(long)]
        facility: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Revoke a key at once: the next request with it is refused
    Revoke {
        /// The key's prefix (as listed) or the whole key
        #[arg(long)]
        key: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailCommand {
    /// Send a test message through the outbox and the configured transport
    Test {
        #[arg(long)]
        to: String,
    },
}

/// How an admin command ended, and the exit code that goes with it.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// The arguments were refused; the lines say which and why.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
    #[error("{0}")]
    Failed(String),
}

impl AdminError {
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Invalid(_) => 2,
            Self::Failed(_) => 1,
        }
    }
}

/// The operator's language for messages: Japanese when the locale says so.
fn operator_lang() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

async fn run_staff(state: &AppState, actor: &Actor, cmd: StaffCommand, out: &mut dyn Write) -> Result<(), AdminError> {
    use crate::service::reception;
    match cmd {
        StaffCommand::Invite { facility, role, name } => {
            let i = reception::invite_staff(state, actor, &facility, &role, &name).await.map_err(admin_error)?;
            let until = crate::domain::japan_time::minutes(i.expires_at);
            line(out, &format!("staff member {} ({role}) added to {facility}", i.staff_id))?;
            line(out, &format!("  enrolment link (one-time, until {until} Japan time; give it to them only):"))?;
            line(out, &format!("  {}", i.url))
        }
        StaffCommand::List { facility, json } => {
            let list = reception::list_staff(state, actor, facility.as_deref()).await.map_err(admin_error)?;
            if json {
                let v = list
                    .iter()
                    .map(|(s, f)| {
                        serde_json::json!({
                            "id": s.id, "facility": f, "name": s.name, "role": s.role,
                            "createdAt": s.created_at, "createdBy": s.created_by, "disabledAt": s.disabled_at,
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            if list.is_empty() {
                return line(
                    out,
                    "no staff: invite one with `renkei admin staff invite --facility … --role … --name …`",
                );
            }
            for (s, f) in list {
                let state = if s.disabled_at.is_some() { "disabled" } else { "active" };
                line(out, &format!("{}  {f}  {}  {}  {state}", s.id, s.role, s.name))?;
            }
            Ok(())
        }
        StaffCommand::Disable { id } => {
            reception::disable_staff(state, actor, &id).await.map_err(admin_error)?;
            line(out, &format!("staff member {id} disabled"))
        }
    }
}

fn admin_error(e: ServiceError) -> AdminError {
    let lang = operator_lang();
    match e {
        ServiceError::Invalid(inv) => AdminError::Invalid(
            inv.0
                .iter()
                .map(|f| format!("--{}: {} ({})", flag_name(f.field), messages::field(lang, f.field, f.code), f.code))
                .collect(),
        ),
        other => AdminError::Failed(other.to_string()),
    }
}

/// `nameEn` → `name-en`, `networks` → `network`: the flag a field came from.
fn flag_name(field: &str) -> String {
    match field {
        "networks" => "network".to_owned(),
        f => f.chars().fold(String::new(), |mut s, c| {
            if c.is_ascii_uppercase() {
                s.push('-');
                s.push(c.to_ascii_lowercase());
            } else {
                s.push(c);
            }
            s
        }),
    }
}

/// The operator named by `--operator` (or `RENKEI_OPERATOR`), else the login name.
pub fn operator(name: Option<String>) -> Result<Actor, AdminError> {
    let given = name.is_some();
    let name = name.or_else(|| std::env::var("USER").ok()).unwrap_or_default();
    match crate::domain::text::parse_name(&name, 100) {
        Ok(name) => Ok(Actor::Operator { name }),
        Err(_) if !given => Ok(Actor::Operator { name: "operator".to_owned() }),
        Err(code) => Err(AdminError::Invalid(vec![format!(
            "--operator: {} ({code})",
            messages::field(operator_lang(), "operator", code)
        )])),
    }
}

fn write_json(out: &mut dyn Write, v: &serde_json::Value) -> Result<(), AdminError> {
    writeln!(out, "{}", serde_json::to_string_pretty(v).unwrap_or_default())
        .map_err(|e| AdminError::Failed(e.to_string()))
}

fn line(out: &mut dyn Write, s: &str) -> Result<(), AdminError> {
    writeln!(out, "{s}").map_err(|e| AdminError::Failed(e.to_string()))
}

pub async fn run_admin(
    state: &AppState,
    actor: &Actor,
    cmd: AdminCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    match cmd {
        AdminCommand::Network(NetworkCommand::Add { code, name, name_en }) => {
            let input =
                NewNetwork::parse(&code, &name, name_en.as_deref(), false).map_err(|e| admin_error(e.into()))?;
            let n = networks::add_network(state, actor, Channel::Cli, input).await.map_err(admin_error)?;
            line(out, &format!("added network {} ({})", n.code, n.name))
        }
        AdminCommand::Network(NetworkCommand::Parts { network, role, parts, reset, json }) => {
            let table = match role {
                Some(role) => {
                    let parts = if reset { None } else { parts.as_deref() };
                    networks::set_role_parts(state, actor, &network, &role, parts).await.map_err(admin_error)?
                }
                None => networks::role_parts(state, actor, &network).await.map_err(admin_error)?,
            };
            if json {
                let v = table
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "role": r.role.as_str(),
                            "parts": r.parts.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                            "default": r.set.is_none(),
                            "setBy": r.set.as_ref().map(|(by, _)| by),
                            "setAt": r.set.as_ref().map(|(_, at)| at),
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            for r in table {
                let parts = r.parts.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ");
                let parts = if parts.is_empty() { "(nothing)".to_owned() } else { parts };
                let set = match &r.set {
                    Some((by, at)) => format!("  [set by {by}, {}]", crate::domain::japan_time::minutes(*at)),
                    None => "  [default]".to_owned(),
                };
                line(out, &format!("{:<14} {parts}{set}", r.role.as_str()))?;
            }
            Ok(())
        }
        AdminCommand::Network(NetworkCommand::List { json }) => {
            let list = networks::list_networks(state, actor).await.map_err(admin_error)?;
            if json {
                let v = list
                    .iter()
                    .map(|n| {
                        serde_json::json!({
                            "code": n.code, "name": n.name, "nameEn": n.name_en,
                            "demo": n.demo, "facilityCount": n.facility_count,
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            if list.is_empty() {
                return line(out, "no networks yet: add one with `renkei admin network add --code … --name …`");
            }
            for n in list {
                let demo = if n.demo { "  [demo]" } else { "" };
                let en = n.name_en.map(|e| format!(" / {e}")).unwrap_or_default();
                line(out, &format!("{:<16} {}{}  facilities: {}{}", n.code, n.name, en, n.facility_count, demo))?;
            }
            Ok(())
        }
        AdminCommand::Facility(FacilityCommand::Add { code, name, name_en, kind, networks: nets }) => {
            let input = NewFacility::parse(&code, &name, name_en.as_deref(), &kind, &nets, false).map_err(|e| {
                let mut err = admin_error(e.clone().into());
                if let AdminError::Invalid(lines) = &mut err
                    && e.0.iter().any(|f| f.field == "kind")
                {
                    let kinds: Vec<_> = FacilityKind::ALL.iter().map(|k| k.as_str()).collect();
                    lines.push(format!("  kinds: {}", kinds.join(", ")));
                }
                err
            })?;
            let f = networks::add_facility(state, actor, Channel::Cli, input).await.map_err(admin_error)?;
            line(out, &format!("added facility {} ({}, {}) to {}", f.code, f.name, f.kind, f.networks.join(", ")))
        }
        AdminCommand::Facility(FacilityCommand::List { network, json }) => {
            let list = networks::list_facilities(state, actor, network.as_deref()).await.map_err(admin_error)?;
            if json {
                let v = list
                    .iter()
                    .map(|f| {
                        serde_json::json!({
                            "code": f.code, "name": f.name, "nameEn": f.name_en, "kind": f.kind.as_str(),
                            "demo": f.demo, "networks": f.networks,
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            if list.is_empty() {
                return line(
                    out,
                    "no facilities: add one with `renkei admin facility add --code … --name … --kind … --network …`",
                );
            }
            for f in list {
                let demo = if f.demo { "  [demo]" } else { "" };
                line(
                    out,
                    &format!("{}  {:<24} {}  [{}]{}", f.code, f.kind.as_str(), f.name, f.networks.join(", "), demo),
                )?;
            }
            Ok(())
        }
        AdminCommand::Facility(FacilityCommand::Key(cmd)) => run_facility_key(state, actor, cmd, out).await,
        AdminCommand::EntryPoint(cmd) => run_entry_point(state, actor, cmd, out).await,
        AdminCommand::Consent(cmd) => run_consent(state, actor, cmd, out).await,
        AdminCommand::Correction(cmd) => run_correction(state, actor, cmd, out).await,
        AdminCommand::Staff(cmd) => run_staff(state, actor, cmd, out).await,
        AdminCommand::Access(cmd) => run_access(state, actor, cmd, out).await,
        AdminCommand::Audit(AuditCommand::Keygen { out: path }) => keygen(&path, out),
        AdminCommand::Audit(AuditCommand::Checkpoint { key_file, dir }) => {
            let key = read_key(&key_file)?;
            let (c, path) =
                crate::service::audit_verify::checkpoint(state, actor, &key, &dir).await.map_err(|e| match e {
                    ServiceError::Conflict => AdminError::Failed(
                        "the audit log does not check: see `renkei admin audit verify`; nothing signed".into(),
                    ),
                    e => admin_error(e),
                })?;
            line(out, &format!("checkpoint {}: {} entries, head {}", path.display(), c.entries, c.head))
        }
        AdminCommand::Audit(AuditCommand::Verify { checkpoints, public_key, key_file, json }) => {
            let public_key = match (public_key, &key_file) {
                (Some(text), _) => Some(crate::domain::audit_chain::public_key_text(&text).ok_or_else(|| {
                    AdminError::Invalid(vec![
                        "--public-key: 64 hex digits, as GET /api/audit/public-key gives it".into(),
                    ])
                })?),
                (None, Some(k)) => Some(crate::domain::audit_chain::public_key_hex(&read_key(k)?)),
                (None, None) => None,
            };
            let given = checkpoints.is_some();
            let dir =
                checkpoints.unwrap_or_else(|| std::path::PathBuf::from(crate::config::DEFAULT_AUDIT_CHECKPOINT_DIR));
            let mut notes = Vec::new();
            let (r, files) = if dir.is_dir() {
                let Some(public_key) = public_key else {
                    return Err(AdminError::Invalid(vec![format!(
                        "checkpoints in {} are checked against a key you trust: give --public-key (GET \
                         /api/audit/public-key) or --key-file",
                        dir.display()
                    )]));
                };
                let (r, files) = crate::service::audit_verify::verify_with_checkpoints(state, actor, &dir, &public_key)
                    .await
                    .map_err(admin_error)?;
                if files == 0 {
                    notes.push(format!(
                        "no checkpoints in {}: a log cut at its end shows only against them",
                        dir.display()
                    ));
                }
                (r, files)
            } else if given {
                return Err(AdminError::Invalid(vec![format!("{} is not a folder of checkpoints", dir.display())]));
            } else {
                notes.push(format!(
                    "no checkpoint folder at {}: only the chain was walked (a log cut at its end shows only \
                     against checkpoints; see --checkpoints)",
                    dir.display()
                ));
                (crate::service::audit_verify::verify(state, actor).await.map_err(admin_error)?, 0)
            };
            for n in &notes {
                eprintln!("renkei: {n}");
            }
            let breaks: Vec<String> = r.breaks.iter().map(ToString::to_string).collect();
            if json {
                write_json(
                    out,
                    &serde_json::json!({ "entries": r.entries, "head": r.head, "checkpoints": files, "breaks": breaks }),
                )?;
            } else if breaks.is_empty() {
                line(
                    out,
                    &format!("the audit log checks: {} entries, head {}, {files} checkpoints", r.entries, r.head),
                )?;
            }
            if breaks.is_empty() {
                return Ok(());
            }
            Err(AdminError::Failed(format!(
                "the audit log does not check ({} entries walked):\n  {}",
                r.entries,
                breaks.join("\n  ")
            )))
        }
        AdminCommand::Backup { file, check } => {
            if state.db.backend() == crate::store::Backend::Postgres {
                return Err(AdminError::Invalid(vec![
                    "backup: the database is PostgreSQL; back it up with pg_dump (README, \"Backup and restore\")"
                        .into(),
                ]));
            }
            let c = if check {
                crate::service::backup::check(&file).await.map_err(admin_error)?
            } else {
                crate::service::backup::back_up(state, actor, &file).await.map_err(admin_error)?
            };
            line(
                out,
                &format!(
                    "{} {}: {} bytes, integrity ok; {} residents, {} consents, {} medication records, {} audit entries",
                    if check { "checked" } else { "backed up to" },
                    file.display(),
                    c.bytes,
                    c.residents,
                    c.consents,
                    c.medication_records,
                    c.audit_entries
                ),
            )
        }
        AdminCommand::Person(PersonCommand::Merge { from, into, confirm }) => {
            use crate::service::person_merge;
            let plan = if confirm {
                person_merge::combine(state, actor, &from, &into).await
            } else {
                person_merge::preview(state, actor, &from, &into).await
            };
            let plan = plan
                .map_err(|e| match e {
                    ServiceError::NotFound => {
                        AdminError::Invalid(vec!["no record has that registration number (--from or --into)".into()])
                    }
                    e => admin_error(e),
                })?
                .map_err(|r| AdminError::Invalid(vec![r.to_string()]))?;
            for (role, r) in [("retire", &plan.retired), ("keep  ", &plan.kept)] {
                line(
                    out,
                    &format!(
                        "{role}  {number}  {name} ({kana})  born {born}  {sex}  {channel} {created}  \
                         mail {mail}  passkeys {passkeys}  insurance {insurance}  consents in force {consents}  \
                         medications {meds}  allergies {allergies}  proxy links {links}",
                        number = r.registration_number,
                        name = r.name,
                        kana = r.name_kana,
                        born = r.birth_date,
                        sex = r.sex,
                        channel = r.channel,
                        created = crate::domain::japan_time::minutes(r.created_at),
                        mail = if r.has_email { "yes" } else { "no" },
                        passkeys = r.passkeys,
                        insurance = r.insurance,
                        consents = r.consents_in_force,
                        meds = r.medications,
                        allergies = r.allergies,
                        links = r.proxy_links,
                    ),
                )?;
            }
            for n in &plan.notes {
                line(out, &format!("note: {n}"))?;
            }
            if confirm {
                line(
                    out,
                    &format!("combined {} into {}", plan.retired.registration_number, plan.kept.registration_number),
                )
            } else {
                line(out, "nothing changed: add --confirm to combine")
            }
        }
        AdminCommand::Proxy(ProxyCommand::Pending) => {
            let items = crate::service::proxies::awaiting(state, actor).await.map_err(admin_error)?;
            if items.is_empty() {
                return line(out, "no proxy links waiting");
            }
            for i in items {
                let when = crate::domain::japan_time::minutes(i.created_at);
                line(
                    out,
                    &format!(
                        "{when}  {link}  {standing:<11} person {person}  proxy {proxy}  {relationship} via {via}{attested}",
                        link = i.link_id,
                        standing = i.standing.as_str(),
                        person = i.person_number,
                        proxy = i.proxy_number,
                        relationship = i.relationship,
                        via = i.via,
                        attested = i.attestation.map(|a| format!(", attests {a}")).unwrap_or_default(),
                    ),
                )?;
            }
            Ok(())
        }
        AdminCommand::Proxy(ProxyCommand::Confirm { link, basis }) => {
            let review_on =
                crate::service::proxies::confirm_by_office(state, actor, &link, &basis).await.map_err(admin_error)?;
            line(out, &format!("confirmed {link} ({basis}); next review on {review_on}"))
        }
        AdminCommand::Review(ReviewCommand::Resolve { id }) => {
            crate::service::registration::resolve_review(state, actor, &id).await.map_err(admin_error)?;
            line(out, &format!("review {id} resolved"))
        }
        AdminCommand::Review(ReviewCommand::List) => {
            let items = crate::service::registration::open_reviews(state, actor).await.map_err(admin_error)?;
            if items.is_empty() {
                return line(out, "no registrations to review");
            }
            for i in items {
                let when = crate::domain::japan_time::minutes(i.created_at);
                line(
                    out,
                    &format!(
                        "{when}  {id}  {kind:<27} {subject:<16} resembles {others}",
                        id = i.id,
                        kind = i.kind,
                        subject = i.subject,
                        others = i.resembles.join(", ")
                    ),
                )?;
            }
            Ok(())
        }
        AdminCommand::Mail(MailCommand::Test { to }) => {
            let id = mail::queue_test_mail(state, actor, &to).await.map_err(admin_error)?;
            let report = state.mail.deliver_one(id).await.map_err(|e| AdminError::Failed(e.to_string()))?;
            let row = crate::store::outbox::find(state.db.reader(), id)
                .await
                .map_err(|e| AdminError::Failed(e.to_string()))?;
            match row {
                Some(m) if m.status == crate::store::outbox::SENT => {
                    line(out, &format!("test mail {id} sent via {}", state.mail.mailer().describe()))
                }
                Some(m) => Err(AdminError::Failed(format!(
                    "test mail {id} not sent yet ({} sent, {} retrying): {}; the server will retry it",
                    report.sent,
                    report.retrying,
                    m.last_error.unwrap_or_else(|| "queued".to_owned())
                ))),
                None => Err(AdminError::Failed(format!("test mail {id} vanished from the outbox"))),
            }
        }
    }
}

async fn run_facility_key(
    state: &AppState,
    actor: &Actor,
    cmd: FacilityKeyCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    match cmd {
        FacilityKeyCommand::Create { facility, label } => {
            let k = facility_keys::issue(state, actor, Channel::Cli, &facility, &label).await.map_err(admin_error)?;
            line(out, &format!("issued key {} for {} ({})", k.prefix, k.facility_code, k.facility_name))?;
            line(out, "  key (shown only now; give it to the facility's system administrator):")?;
            line(out, &format!("  {}", k.key))?;
            line(out, "  use: Authorization: Bearer <key>  on POST /api/fhir and POST /api/jahis")
        }
        FacilityKeyCommand::List { facility, json } => {
            let keys = facility_keys::list(state, actor, facility.as_deref()).await.map_err(admin_error)?;
            if json {
                let v = keys
                    .iter()
                    .map(|k| {
                        serde_json::json!({
                            "prefix": k.prefix, "facility": k.facility_code, "facilityName": k.facility_name,
                            "label": k.label, "createdAt": k.created_at, "createdBy": k.created_by,
                            "revokedAt": k.revoked_at, "lastUsedAt": k.last_used_at,
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            if keys.is_empty() {
                return line(out, "no keys: issue one with `renkei admin facility key create --facility … --label …`");
            }
            let jst = |t: chrono::DateTime<chrono::Utc>| crate::domain::japan_time::minutes(t);
            for k in keys {
                let state = match k.revoked_at {
                    Some(t) => format!("revoked {}", jst(t)),
                    None => "active".to_owned(),
                };
                let used = k.last_used_at.map_or_else(|| "never used".to_owned(), |t| format!("last used {}", jst(t)));
                line(
                    out,
                    &format!(
                        "{}  {}  {:<20} {}  {state}, {used}",
                        k.prefix,
                        k.facility_code,
                        k.label,
                        jst(k.created_at)
                    ),
                )?;
            }
            Ok(())
        }
        FacilityKeyCommand::Revoke { key } => {
            let changed = facility_keys::revoke(state, actor, Channel::Cli, &key).await.map_err(admin_error)?;
            line(out, if changed { "key revoked" } else { "key was already revoked" })
        }
    }
}

async fn run_entry_point(
    state: &AppState,
    actor: &Actor,
    cmd: EntryPointCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    match cmd {
        EntryPointCommand::Add { network, facility, label } => {
            let e = entry_points::add_entry_point(state, actor, Channel::Cli, &network, facility.as_deref(), &label)
                .await
                .map_err(admin_error)?;
            line(out, &format!("added entry point {} for {}", e.code, e.network))?;
            line(out, &format!("  opens:   {}", e.url))?;
            let base = state.config.public_url.as_str().trim_end_matches('/');
            line(out, &format!("  QR code: {base}/api/entry-points/{}/qr.svg", e.code.as_str()))?;
            line(out, &format!("  poster:  {base}/poster/{}", e.code.as_str()))
        }
        EntryPointCommand::List { network, json } => {
            let list = entry_points::list_entry_points(state, actor, network.as_deref()).await.map_err(admin_error)?;
            if json {
                let v = list
                    .iter()
                    .map(|e| {
                        serde_json::json!({
                            "code": e.code.to_string(), "url": e.url, "network": e.network, "facility": e.facility,
                            "label": e.label, "createdAt": e.created_at, "disabledAt": e.disabled_at,
                        })
                    })
                    .collect();
                return write_json(out, &serde_json::Value::Array(v));
            }
            if list.is_empty() {
                return line(out, "no entry points: add one with `renkei admin entry-point add --network … --label …`");
            }
            for e in list {
                let state = if e.disabled_at.is_some() { "disabled" } else { "active" };
                let facility = e.facility.map(|f| format!(" {f}")).unwrap_or_default();
                line(out, &format!("{}  {:<8} {}{}  {}  {}", e.code, state, e.network, facility, e.label, e.url))?;
            }
            Ok(())
        }
        EntryPointCommand::Disable { code } => {
            let changed =
                entry_points::disable_entry_point(state, actor, Channel::Cli, &code).await.map_err(admin_error)?;
            line(out, if changed { "entry point disabled" } else { "entry point was already disabled" })
        }
    }
}

fn read_text_file(flag: &str, path: &std::path::Path) -> Result<String, AdminError> {
    let bytes =
        std::fs::read(path).map_err(|e| AdminError::Invalid(vec![format!("--{flag}: {}: {e}", path.display())]))?;
    String::from_utf8(bytes)
        .map_err(|_| AdminError::Invalid(vec![format!("--{flag}: {} is not UTF-8 text", path.display())]))
}

async fn run_consent(
    state: &AppState,
    actor: &Actor,
    cmd: ConsentCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    match cmd {
        ConsentCommand::Publish { network, ja, en, effective, requires_reconsent } => {
            let ja = read_text_file("ja", &ja)?;
            let en = read_text_file("en", &en)?;
            let p = consent_documents::Publish {
                network: &network,
                ja: &ja,
                en: &en,
                effective: effective.as_deref(),
                requires_reconsent,
            };
            let d = consent_documents::publish(state, actor, Channel::Cli, p).await.map_err(admin_error)?;
            let when = crate::domain::japan_time::minutes(d.effective_at);
            let again = if d.requires_reconsent { ", asks for consent again" } else { "" };
            line(
                out,
                &format!(
                    "published {network} consent version {}: {} (in force from {when} JST{again})",
                    d.version, d.title_ja
                ),
            )
        }
        ConsentCommand::List { network } => {
            let list = consent_documents::versions(state, actor, &network).await.map_err(admin_error)?;
            if list.is_empty() {
                return line(out, "no consent document yet: publish one with `renkei admin consent publish`");
            }
            for d in list {
                let when = crate::domain::japan_time::minutes(d.effective_at);
                let again = if d.requires_reconsent { "  [re-consent]" } else { "" };
                line(out, &format!("v{:<3} from {when} JST  {} / {}{again}", d.version, d.title_ja, d.title_en))?;
            }
            Ok(())
        }
        ConsentCommand::Stats { network, json } => {
            let s = crate::service::consents::stats(state, actor, &network).await.map_err(admin_error)?;
            if json {
                let text = serde_json::to_string_pretty(&s).map_err(|e| AdminError::Failed(e.to_string()))?;
                return line(out, &text);
            }
            line(
                out,
                &format!(
                    "{}: {} consents given ({} in force, {} withdrawn{}), {} people joined now, {} re-consents",
                    s.network,
                    s.joined,
                    s.in_force,
                    s.withdrawn,
                    if s.combined > 0 {
                        format!(", {} carried over when two records were combined", s.combined)
                    } else {
                        String::new()
                    },
                    s.people,
                    s.renewals
                ),
            )?;
            line(out, "by channel:")?;
            for (k, v) in &s.by_channel {
                line(out, &format!("  {k:<12} {v}"))?;
            }
            line(out, "by entry point:")?;
            for (k, v) in &s.by_entry_point {
                line(out, &format!("  {k:<12} {v}"))?;
            }
            line(out, "by month (JST):  joined  withdrawn")?;
            for (k, m) in &s.by_month {
                line(out, &format!("  {k}        {:>6}  {:>9}", m.joined, m.withdrawn))?;
            }
            Ok(())
        }
    }
}

async fn run_access(
    state: &AppState,
    actor: &Actor,
    cmd: AccessCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    use crate::service::access_review;
    let AccessCommand::Review { id, outcome, note, json } = cmd;
    if let (Some(id), Some(outcome)) = (id, outcome) {
        access_review::record(state, actor, &id, &outcome, note.as_deref()).await.map_err(|e| match e {
            ServiceError::Conflict => {
                AdminError::Failed(format!("{id} has already been reviewed; see `renkei admin access review`"))
            }
            ServiceError::NotFound => {
                AdminError::Failed(format!("no emergency access {id}; see `renkei admin access review`"))
            }
            e => admin_error(e),
        })?;
        return line(out, &format!("reviewed {id} ({outcome}); the resident sees the outcome in their access record"));
    }
    let r = access_review::pending(state, actor).await.map_err(admin_error)?;
    if json {
        let pending: Vec<serde_json::Value> = r
            .pending
            .iter()
            .map(|p| {
                let a = &p.access;
                serde_json::json!({
                    "id": a.id, "openedAt": a.opened_at, "until": a.until, "reason": a.reason, "note": a.note,
                    "facility": p.facility, "staff": p.staff_name, "role": p.staff_role,
                    "registrationNumber": p.registration_number,
                })
            })
            .collect();
        let flagged: Vec<serde_json::Value> = r
            .flagged
            .iter()
            .map(|f| {
                serde_json::json!({
                    "kind": f.kind, "id": f.id, "name": f.name, "facility": f.facility,
                    "people": f.used.people, "emergencies": f.used.emergencies, "refusals": f.used.refusals,
                    "why": f.why.iter().map(|w| w.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect();
        return write_json(out, &serde_json::json!({ "pending": pending, "flagged": flagged }));
    }
    if r.pending.is_empty() {
        line(out, "no emergency accesses to review")?;
    }
    for p in &r.pending {
        let a = &p.access;
        line(
            out,
            &format!(
                "{}  {} JST  {}  {} ({})  {}  reason: {}",
                a.id,
                crate::domain::japan_time::minutes(a.opened_at),
                p.facility,
                p.staff_name,
                p.staff_role,
                p.registration_number,
                a.reason
            ),
        )?;
        if let Some(n) = &a.note {
            line(out, &format!("    {n}"))?;
        }
    }
    if r.flagged.is_empty() {
        return line(out, "no unusual use in the last 24 hours");
    }
    line(out, "unusual use in the last 24 hours (not blocked):")?;
    for f in &r.flagged {
        let why: Vec<&str> = f.why.iter().map(|w| w.as_str()).collect();
        line(
            out,
            &format!(
                "  {} {}  {}  {}: {} people, {} emergency accesses, {} refused  [{}]",
                f.kind,
                f.id,
                f.name,
                f.facility,
                f.used.people,
                f.used.emergencies,
                f.used.refusals,
                why.join(", ")
            ),
        )?;
    }
    Ok(())
}

async fn run_correction(
    state: &AppState,
    actor: &Actor,
    cmd: CorrectionCommand,
    out: &mut dyn Write,
) -> Result<(), AdminError> {
    use crate::service::data_rights;
    match cmd {
        CorrectionCommand::List { open, json } => {
            let list = data_rights::office_corrections(state, actor, open).await.map_err(admin_error)?;
            if json {
                let rows: Vec<serde_json::Value> = list
                    .iter()
                    .map(|c| {
                        let r = &c.request;
                        serde_json::json!({
                            "id": r.id, "registrationNumber": c.registration_number, "createdAt": r.created_at,
                            "status": r.status, "text": r.text, "answer": r.answer, "answeredAt": r.answered_at,
                            "answeredBy": r.answered_by,
                        })
                    })
                    .collect();
                let text = serde_json::to_string_pretty(&rows).map_err(|e| AdminError::Failed(e.to_string()))?;
                return line(out, &text);
            }
            if list.is_empty() {
                return line(out, "no correction requests");
            }
            for c in list {
                let r = &c.request;
                let when = crate::domain::japan_time::minutes(r.created_at);
                line(out, &format!("{}  {when} JST  {}  [{}]", r.id, c.registration_number, r.status))?;
                for l in r.text.lines() {
                    line(out, &format!("    {l}"))?;
                }
                if let Some(a) = &r.answer {
                    line(out, &format!("  answer: {a}"))?;
                }
            }
            Ok(())
        }
        CorrectionCommand::Answer { id, status, answer } => {
            data_rights::answer_correction(state, actor, &id, &status, &answer).await.map_err(|e| match e {
                ServiceError::Conflict => {
                    AdminError::Failed(format!("{id} has already been answered; see `renkei admin correction list`"))
                }
                e => admin_error(e),
            })?;
            line(out, &format!("answered {id} ({status}); the resident is told by mail"))
        }
    }
}
