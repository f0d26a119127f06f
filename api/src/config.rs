//! Configuration from `RENKEI_*` environment variables, with defaults that
//! let a new user run renkei with nothing to configure. An invalid value stops
//! start-up with one line naming the variable. Secrets never reach `Debug`.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use url::Url;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/renkei.db?mode=rwc";
pub const DEFAULT_MAIL_DIR: &str = "data/mail";
pub const DEFAULT_PWA_DIR: &str = "pwa/dist";
/// Where signed checkpoints of the audit log are written by default: outside
/// the database (copy them further away, or have them mailed).
pub const DEFAULT_AUDIT_CHECKPOINT_DIR: &str = "data/audit-checkpoints";
/// How often the service walks the audit log's chain (and signs a
/// checkpoint, with a key) by default, in minutes.
pub const DEFAULT_AUDIT_CHECK_MINUTES: u64 = 60;
/// Every variable renkei reads.
pub const KNOWN_VARS: [&str; 18] = [
    "RENKEI_DATABASE_URL",
    "RENKEI_MIGRATION_DATABASE_URL",
    "RENKEI_AUDIT_KEY_FILE",
    "RENKEI_AUDIT_CHECKPOINT_DIR",
    "RENKEI_AUDIT_CHECK_MINUTES",
    "RENKEI_AUDIT_MAIL_TO",
    "RENKEI_BIND",
    "RENKEI_PUBLIC_URL",
    "RENKEI_MAIL_URL",
    "RENKEI_MAIL_FROM",
    "RENKEI_PWA_DIR",
    "RENKEI_LOG",
    "RENKEI_LOG_FORMAT",
    "RENKEI_MAX_BODY_BYTES",
    "RENKEI_MAX_CONNECTIONS",
    "RENKEI_MAX_IN_FLIGHT",
    "RENKEI_OPERATOR",
    "RENKEI_TRUSTED_PROXIES",
];
/// Default request body limit of the API (not intake); larger bodies get 413.
/// The API's bodies are forms and passkey answers, a few KiB; at 1 MiB,
/// review held the whole body budget (`http::admission`) from 4 addresses
/// with bodies sent to their last byte and stopped there (at 64 KiB, from
/// 64). Now it takes 256.
pub const DEFAULT_MAX_BODY_BYTES: usize = 32 * 1024;
/// The body limit of the facilities' intake (`/api/fhir`, `/api/jahis`):
/// a Bundle of 2,000 entries fits; a runaway export does not.
pub const INTAKE_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// API requests worked on at once by default (`http::admission`): enough to
/// keep two cores and the database busy, few enough that each is answered
/// in well under a second.
pub const DEFAULT_MAX_IN_FLIGHT: usize = 64;
/// Connections open at once by default (`http::connections`): each costs
/// memory whether or not its requests are admitted.
pub const DEFAULT_MAX_CONNECTIONS: usize = 2048;

/// A value that must not be printed (it may carry a password).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Show the scheme (useful, harmless), hide the rest.
        match self.0.split_once(':') {
            Some((scheme, _)) => write!(f, "{scheme}:<redacted>"),
            None => f.write_str("<redacted>"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// `smtp://host:port` (plain, or STARTTLS with `?tls=required`) or
    /// `smtps://user:pass@host:465`: handed to lettre as is.
    Smtp(Secret),
    /// One `.eml` file per message in a directory, so a new user can open them.
    File(PathBuf),
    /// Kept in memory; for tests.
    Memory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: Secret,
    /// The owner's URL, for migrations (PostgreSQL): the service itself then
    /// runs as a role that may not change the audit log (`renkei migrate
    /// --grant`). `None`: the service migrates with its own URL.
    pub migration_database_url: Option<Secret>,
    /// The Ed25519 key that signs the audit log's checkpoints (`renkei admin
    /// audit keygen`); `None`: the chain is walked but nothing is signed.
    pub audit_key_file: Option<PathBuf>,
    pub audit_checkpoint_dir: PathBuf,
    /// How often the chain is walked (and a checkpoint signed).
    pub audit_check_every: std::time::Duration,
    /// The network office's address: each new checkpoint is mailed there,
    /// and a chain found not to check.
    pub audit_mail_to: Option<String>,
    pub bind: SocketAddr,
    /// Origin people reach renkei at: in QR codes, mail links, and the WebAuthn origin.
    pub public_url: Url,
    pub mail: MailTransport,
    /// The From: of every mail.
    pub mail_from: String,
    pub pwa_dir: PathBuf,
    pub log_format: LogFormat,
    pub log_filter: String,
    pub max_body_bytes: usize,
    /// API requests worked on at once; more wait briefly or get 503 `busy`.
    pub max_in_flight: usize,
    /// Connections open at once; more are answered 503 `busy` and closed.
    pub max_connections: usize,
    /// Reverse proxies whose `X-Forwarded-For` names the real client (for
    /// rate limits); empty: the connection's address is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// One invalid variable: its name and what is wrong, in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

fn bad(var: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError { var, problem: problem.into() }
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        // A value that is not UTF-8 must not silently fall back to a default.
        for (key, value) in std::env::vars_os() {
            if let Some(key) = key.to_str().filter(|k| k.starts_with("RENKEI_"))
                && value.to_str().is_none()
                && let Some(var) = KNOWN_VARS.iter().find(|v| **v == key)
            {
                return Err(bad(var, "is not valid UTF-8 text"));
            }
        }
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the configuration through `get`, so tests need not touch the
    /// process environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());

        let bind_raw = var("RENKEI_BIND").unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind: SocketAddr = bind_raw.parse().map_err(|_| {
            bad("RENKEI_BIND", format!("'{bind_raw}' is not an address and port such as 127.0.0.1:8080"))
        })?;

        let public_url = match var("RENKEI_PUBLIC_URL") {
            Some(raw) => parse_public_url(&raw)?,
            None => default_public_url(bind)?,
        };

        let database_url = var("RENKEI_DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned());
        let scheme_ok = ["sqlite:", "postgres://", "postgresql://"].iter().any(|p| database_url.starts_with(p));
        if !scheme_ok {
            return Err(bad(
                "RENKEI_DATABASE_URL",
                "must start with sqlite: (e.g. sqlite://data/renkei.db?mode=rwc) or postgres://",
            ));
        }

        let migration_database_url = match var("RENKEI_MIGRATION_DATABASE_URL") {
            None => None,
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => Some(Secret::new(u)),
            Some(_) => {
                return Err(bad(
                    "RENKEI_MIGRATION_DATABASE_URL",
                    "must start with postgres:// (the owner of RENKEI_DATABASE_URL's database; SQLite has no roles)",
                ));
            }
        };
        if migration_database_url.is_some() && database_url.starts_with("sqlite:") {
            return Err(bad(
                "RENKEI_MIGRATION_DATABASE_URL",
                "is for PostgreSQL only: RENKEI_DATABASE_URL is SQLite, which has no roles; leave it unset",
            ));
        }
        let audit_key_file = var("RENKEI_AUDIT_KEY_FILE").map(PathBuf::from);
        let audit_checkpoint_dir = PathBuf::from(
            var("RENKEI_AUDIT_CHECKPOINT_DIR").unwrap_or_else(|| DEFAULT_AUDIT_CHECKPOINT_DIR.to_owned()),
        );
        let audit_check_minutes = match var("RENKEI_AUDIT_CHECK_MINUTES") {
            None => DEFAULT_AUDIT_CHECK_MINUTES,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (1..=10_080).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "RENKEI_AUDIT_CHECK_MINUTES",
                        format!("'{v}' is not a number of minutes from 1 to 10080 (a week)"),
                    ));
                }
            },
        };

        let audit_mail_to = match var("RENKEI_AUDIT_MAIL_TO") {
            None => None,
            Some(v) => match v.parse::<lettre::Address>() {
                Ok(_) => Some(v),
                Err(_) => {
                    return Err(bad(
                        "RENKEI_AUDIT_MAIL_TO",
                        format!("'{v}' is not a mail address such as office@example.jp"),
                    ));
                }
            },
        };

        let mail = match var("RENKEI_MAIL_URL") {
            None => MailTransport::File(PathBuf::from(DEFAULT_MAIL_DIR)),
            Some(raw) => parse_mail_url(&raw)?,
        };

        let mail_from = match var("RENKEI_MAIL_FROM") {
            Some(v) => {
                v.parse::<lettre::message::Mailbox>().map_err(|_| {
                    bad(
                        "RENKEI_MAIL_FROM",
                        format!("'{v}' is not a mail address such as \"renkei <no-reply@example.jp>\""),
                    )
                })?;
                v
            }
            None => {
                let host = public_url.host_str().unwrap_or("localhost");
                let domain = if host.contains('.') && host.parse::<IpAddr>().is_err() { host } else { "localhost" };
                format!("renkei <no-reply@{domain}>")
            }
        };

        let pwa_dir = PathBuf::from(var("RENKEI_PWA_DIR").unwrap_or_else(|| DEFAULT_PWA_DIR.to_owned()));

        let log_format = match var("RENKEI_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(bad("RENKEI_LOG_FORMAT", format!("'{other}' is neither text nor json"))),
        };
        let log_filter = var("RENKEI_LOG").unwrap_or_else(|| "info".to_owned());
        if tracing_subscriber::EnvFilter::try_new(&log_filter).is_err() {
            return Err(bad(
                "RENKEI_LOG",
                format!("'{log_filter}' is not a log filter such as info or renkei_api=debug"),
            ));
        }

        let max_body_bytes = match var("RENKEI_MAX_BODY_BYTES") {
            None => DEFAULT_MAX_BODY_BYTES,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1024..=256 * 1024 * 1024).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "RENKEI_MAX_BODY_BYTES",
                        format!("'{v}' is not a number of bytes from 1024 to 268435456"),
                    ));
                }
            },
        };

        let max_in_flight = match var("RENKEI_MAX_IN_FLIGHT") {
            None => DEFAULT_MAX_IN_FLIGHT,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=10_000).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "RENKEI_MAX_IN_FLIGHT",
                        format!("'{v}' is not a number of requests from 1 to 10000"),
                    ));
                }
            },
        };

        let max_connections = match var("RENKEI_MAX_CONNECTIONS") {
            None => DEFAULT_MAX_CONNECTIONS,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=100_000).contains(&n) => n,
                _ => {
                    return Err(bad(
                        "RENKEI_MAX_CONNECTIONS",
                        format!("'{v}' is not a number of connections from 1 to 100000"),
                    ));
                }
            },
        };

        let trusted_proxies = match var("RENKEI_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(v) => {
                v.split(',').map(|p| p.trim().parse::<IpAddr>()).collect::<Result<Vec<_>, _>>().map_err(|_| {
                    bad("RENKEI_TRUSTED_PROXIES", format!("'{v}' is not a comma-separated list of IP addresses"))
                })?
            }
        };

        Ok(Self {
            database_url: Secret::new(database_url),
            migration_database_url,
            audit_key_file,
            audit_checkpoint_dir,
            audit_check_every: std::time::Duration::from_secs(audit_check_minutes * 60),
            audit_mail_to,
            bind,
            public_url,
            mail,
            mail_from,
            pwa_dir,
            log_format,
            log_filter,
            max_body_bytes,
            max_in_flight,
            max_connections,
            trusted_proxies,
        })
    }

    /// Settings that work but are probably not what an operator wants, in words.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if self.mail == MailTransport::Memory {
            w.push("RENKEI_MAIL_URL=memory: mail is kept in memory and never delivered".to_owned());
        }
        if !self.bind.ip().is_loopback() && self.public_url.host_str() == Some("localhost") {
            w.push(format!(
                "RENKEI_PUBLIC_URL is not set while listening on {}: links in mail and QR codes will say localhost",
                self.bind
            ));
        }
        w
    }

    /// Whether people reach renkei over https (then HSTS is sent and cookies are Secure).
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

fn parse_public_url(raw: &str) -> Result<Url, ConfigError> {
    const VAR: &str = "RENKEI_PUBLIC_URL";
    let url =
        Url::parse(raw).map_err(|_| bad(VAR, format!("'{raw}' is not a URL such as https://renkei.example.jp")))?;
    if url.scheme() != "http" && url.scheme() != "https" {
        return Err(bad(VAR, "must start with https:// (or http:// for local testing)"));
    }
    if url.host_str().is_none() || url.query().is_some() || url.fragment().is_some() || url.path() != "/" {
        return Err(bad(
            VAR,
            format!("'{raw}' must be an origin only, such as https://renkei.example.jp, without a path"),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad(VAR, "must not contain a user name or password"));
    }
    Ok(url)
}

/// `http://localhost:PORT` when bound to a loopback or unspecified address
/// (WebAuthn accepts `localhost` as a secure context), else the bound address.
fn default_public_url(bind: SocketAddr) -> Result<Url, ConfigError> {
    let host = match bind.ip() {
        ip if ip.is_loopback() || ip.is_unspecified() => "localhost".to_owned(),
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    Url::parse(&format!("http://{host}:{}", bind.port()))
        .map_err(|_| bad("RENKEI_PUBLIC_URL", "cannot derive a default from RENKEI_BIND; set it explicitly"))
}

fn parse_mail_url(raw: &str) -> Result<MailTransport, ConfigError> {
    const VAR: &str = "RENKEI_MAIL_URL";
    if raw == "memory:" {
        return Ok(MailTransport::Memory);
    }
    if let Some(path) = raw.strip_prefix("file://") {
        if path.is_empty() {
            return Err(bad(VAR, "file:// needs a directory, such as file:///var/lib/renkei/mail"));
        }
        return Ok(MailTransport::File(PathBuf::from(path)));
    }
    if raw.starts_with("smtp://") || raw.starts_with("smtps://") {
        let url = Url::parse(raw).map_err(|_| bad(VAR, "is not a valid smtp:// or smtps:// URL"))?;
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad(VAR, "the smtp URL needs a host, such as smtp://mail.example.jp:587?tls=required"));
        }
        return Ok(MailTransport::Smtp(Secret::new(raw)));
    }
    Err(bad(VAR, "must be smtp://…, smtps://… or file:///a/directory"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_nothing() {
        let c = cfg(&[]).map_err(|e| e.to_string());
        let c = c.as_ref().map(|c| (c.bind.to_string(), c.public_url.to_string(), c.mail.clone()));
        assert_eq!(
            c,
            Ok((
                "127.0.0.1:8080".to_owned(),
                "http://localhost:8080/".to_owned(),
                MailTransport::File(PathBuf::from("data/mail"))
            ))
        );
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (var, value) in [
            ("RENKEI_BIND", "localhost"),
            ("RENKEI_PUBLIC_URL", "ftp://x"),
            ("RENKEI_PUBLIC_URL", "https://x.jp/path"),
            ("RENKEI_DATABASE_URL", "mysql://x"),
            ("RENKEI_MAIL_URL", "mailto:x"),
            ("RENKEI_MAIL_FROM", "not an address"),
            ("RENKEI_LOG_FORMAT", "xml"),
            ("RENKEI_MAX_BODY_BYTES", "12"),
        ] {
            let err = cfg(&[(var, value)]).err().map(|e| e.var);
            assert_eq!(err, Some(var), "{var}={value}");
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let c = cfg(&[
            ("RENKEI_DATABASE_URL", "postgres://u:hunter2@db/renkei"),
            ("RENKEI_MAIL_URL", "smtps://u:hunter3@mail.example.jp"),
        ]);
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("hunter3"), "{shown}");
        assert!(shown.contains("postgres:<redacted>"));
    }

    #[test]
    fn public_url_default_follows_bind() {
        let c = cfg(&[("RENKEI_BIND", "0.0.0.0:9000")]).map(|c| c.public_url.to_string());
        assert_eq!(c, Ok("http://localhost:9000/".to_owned()));
        let c = cfg(&[("RENKEI_BIND", "192.0.2.5:80"), ("RENKEI_PUBLIC_URL", "https://renkei.example.jp")]);
        assert_eq!(
            c.map(|c| (c.public_url.to_string(), c.mail_from)),
            Ok(("https://renkei.example.jp/".to_owned(), "renkei <no-reply@renkei.example.jp>".to_owned()))
        );
    }
}
