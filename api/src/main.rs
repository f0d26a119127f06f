use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use renkei_api::app;
use renkei_api::cli::{self, Cli, Command};
use renkei_api::clock::SystemClock;
use renkei_api::config::{Config, LogFormat};
use renkei_api::state::{AppState, StartError};
use renkei_api::{http, service, telemetry};

/// jemalloc, built (`.cargo/config.toml`) to give memory it no longer uses
/// back to the system by itself: after a surge the server returns near its
/// idle size, where the system allocator kept the peak for good (bench/README.md).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve { demo: false });
    if let Command::Openapi = command {
        print!("{}", http::spec_json());
        return ExitCode::SUCCESS;
    }
    if let Command::ErrorTexts = command {
        print!("{}", renkei_api::errors::texts::web_app_table());
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("renkei: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    match &command {
        Command::Serve { .. } => {
            telemetry::init(&config);
            telemetry::log_panics();
            for w in config.warnings() {
                tracing::warn!("{w}");
            }
        }
        // Admin output is for people; keep the log to warnings.
        _ => telemetry::init_with(LogFormat::Text, "warn"),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("renkei: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(config, command))
}

async fn run(config: Config, command: Command) -> ExitCode {
    if let Command::Admin(cli::AdminArgs {
        command: cli::AdminCommand::Audit(cli::AuditCommand::Keygen { out }), ..
    }) = &command
    {
        return match cli::keygen(out, &mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("renkei: {e}");
                ExitCode::from(e.exit_code())
            }
        };
    }
    if let Command::Migrate { grant } = &command {
        return match AppState::migrate_only(&config, grant.as_deref()).await {
            Ok(db) => {
                eprintln!("renkei: database schema is up to date ({db})");
                if let Some(role) = grant {
                    eprintln!("renkei: role {role} may use it, and may only read and append the audit log");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("renkei: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let bind = config.bind;
    let state = match AppState::open(config, Arc::new(SystemClock)).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("renkei: {e}");
            return ExitCode::FAILURE;
        }
    };
    match command {
        Command::Migrate { .. } => ExitCode::SUCCESS,
        Command::Openapi | Command::ErrorTexts => ExitCode::SUCCESS,
        Command::Admin(args) => {
            let actor = match cli::operator(args.operator) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("renkei: {e}");
                    return ExitCode::from(e.exit_code());
                }
            };
            // Say which database: a relative SQLite path depends on the directory.
            eprintln!("renkei: database {}", state.db.describe());
            let mut out = std::io::stdout();
            let result = cli::run_admin(&state, &actor, args.command, &mut out).await;
            let _ = state.db.close().await;
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("renkei: {e}");
                    ExitCode::from(e.exit_code())
                }
            }
        }
        Command::Serve { demo } => {
            if demo {
                match service::demo::seed_demo(&state).await {
                    Ok(true) => tracing::info!("demo network seeded"),
                    Ok(false) => tracing::info!("demo network already present"),
                    Err(e) => {
                        eprintln!("renkei: cannot seed the demo network: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            if !state.config.pwa_dir.join("index.html").is_file() {
                tracing::warn!(
                    dir = %state.config.pwa_dir.display(),
                    "the web app is not built: run `npm --prefix pwa ci && npm --prefix pwa run build`, or set RENKEI_PWA_DIR"
                );
            }
            let listener = match tokio::net::TcpListener::bind(bind).await {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("renkei: {}", StartError::Bind(bind, e));
                    return ExitCode::FAILURE;
                }
            };
            tracing::info!(
                bind = %bind,
                url = %state.config.public_url,
                database = state.db.backend().as_str(),
                mail = %state.mail.mailer().describe(),
                version = service::status::VERSION,
                "renkei is serving"
            );
            match app::serve(state, listener, app::shutdown_signal()).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("renkei: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
