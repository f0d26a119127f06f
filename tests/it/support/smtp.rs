//! A real SMTP server for the tests that claim mail works: maildev, installed
//! by scripts/test into tests/smtp.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::process::{Child, Command};

use super::{eventually, free_port};

/// A maildev process on free ports, stopped when dropped.
pub struct SmtpServer {
    pub smtp_port: u16,
    web_port: u16,
    _child: Child,
}

impl SmtpServer {
    pub async fn start_on(smtp_port: u16) -> SmtpServer {
        let bin = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/smtp/node_modules/maildev/bin/maildev"));
        assert!(
            bin.is_file(),
            "the test SMTP server is not installed: run `npm ci --prefix tests/smtp` (scripts/test does)"
        );
        let web_port = free_port();
        let child = Command::new("node")
            .arg(&bin)
            .args([
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
                "-s",
                &smtp_port.to_string(),
                "-w",
                &web_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start maildev");
        let server = SmtpServer { smtp_port, web_port, _child: child };
        let up = eventually(Duration::from_secs(20), async || server.emails().await.is_some()).await;
        assert!(up, "maildev did not start");
        let smtp_up = eventually(Duration::from_secs(10), async || {
            tokio::net::TcpStream::connect(("127.0.0.1", smtp_port)).await.is_ok()
        })
        .await;
        assert!(smtp_up, "maildev's SMTP port did not open");
        server
    }

    pub async fn start() -> SmtpServer {
        Self::start_on(free_port()).await
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    /// Every message the server received, as maildev parsed it.
    pub async fn emails(&self) -> Option<Vec<serde_json::Value>> {
        let resp = reqwest::get(format!("http://127.0.0.1:{}/email", self.web_port)).await.ok()?;
        resp.json::<Vec<serde_json::Value>>().await.ok()
    }
}
