//! Logging. Text for people at a terminal, JSON in production
//! (`RENKEI_LOG_FORMAT=json`). Personal and medical data is never logged:
//! requests are logged by method, route and status, never by body or query,
//! and mail addresses only through [`mask_email`].

use tracing_subscriber::EnvFilter;

use crate::config::{Config, LogFormat};

pub fn init(config: &Config) {
    init_with(config.log_format, &config.log_filter);
}

pub fn init_with(format: LogFormat, filter: &str) {
    // sqlx and sea-orm log every statement at INFO/DEBUG; keep them quiet unless asked.
    let filter = EnvFilter::try_new(format!("{filter},sqlx=warn,sea_orm=warn,sea_orm_migration=warn"))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    // A second init (tests) is harmless: keep the first subscriber.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).with_span_list(false).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Panics are logged through `tracing` (so JSON logs stay JSON) with their
/// location only: the message may hold data from the request.
pub fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        tracing::error!(location = %location, "panic");
    }));
}

/// `taro@example.jp` → `t***@***.jp`: enough to tell mails apart in a log,
/// not enough to learn who, nor where they work (a company's or a city's
/// domain says that). The person's own screens show more of their own
/// address (`domain::mail::mask_address`).
pub fn mask_email(addr: &str) -> String {
    match addr.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            let tld = domain.rsplit_once('.').map(|(_, t)| t).filter(|t| t.len() <= 6).unwrap_or("");
            if tld.is_empty() { format!("{first}***@***") } else { format!("{first}***@***.{tld}") }
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::mask_email;

    #[test]
    fn masks() {
        assert_eq!(mask_email("taro.yamada@example.jp"), "t***@***.jp");
        assert_eq!(mask_email("hanako@city.yokosuka.kanagawa.jp"), "h***@***.jp", "the domain says where one works");
        assert_eq!(mask_email("x@localhost"), "x***@***");
        assert_eq!(mask_email("broken"), "***");
    }
}
