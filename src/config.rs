//! Settings: built-in defaults (`config/default.toml`, compiled in), then an optional file,
//! then environment variables, then command-line flags.

use std::path::Path;

use config::{Config, Environment, File, FileFormat};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub register: RegisterSettings,
    pub security: SecuritySettings,
    pub accounts: AccountSettings,
    pub log: LogSettings,
    pub mail: MailSettings,
    pub notify: NotifySettings,
    pub reports: ReportSettings,
    pub import: ImportSettings,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ImportSettings {
    /// The largest spreadsheet an import takes, in bytes.
    pub max_bytes: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReportSettings {
    /// The security marking every report and brief carries, on screen and on every printed
    /// page ("UNCLASSIFIED / NON CLASSIFIÉ", "PROTECTED A / PROTÉGÉ A").
    pub marking: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct MailSettings {
    pub smtp_url: String,
    pub from: String,
    pub poll_interval_ms: u64,
    pub timeout_seconds: u64,
    pub first_retry_seconds: u64,
}

impl MailSettings {
    /// Whether notifications are sent by e-mail at all.
    pub fn enabled(&self) -> bool {
        !self.smtp_url.trim().is_empty()
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct NotifySettings {
    pub escalate_after_days: u32,
    pub sweep_interval_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServerSettings {
    pub bind: String,
    pub workers: usize,
    pub max_body_bytes: usize,
    /// The address users reach the application at (`https://irritrack.example.gc.ca`), for
    /// links given out to other programs; empty: the address the request came to.
    pub public_url: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseSettings {
    pub url: String,
    pub pool_size: u32,
    pub busy_timeout_ms: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct RegisterSettings {
    pub page_size: u32,
    pub stale_after_days: u32,
    pub fiscal_year_start_month: u32,
    pub due_soon_days: u32,
    pub report_irritants_max: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SecuritySettings {
    pub secure_cookies: bool,
    pub hsts: bool,
    pub session_idle_minutes: u32,
    pub session_absolute_hours: u32,
    pub failure_window_minutes: u32,
    pub slow_down_after: u32,
    pub failure_delay_ms: u64,
    pub account_lockout_after: u32,
    pub address_lockout_after: u32,
    pub client_ip_header: String,
}

impl SecuritySettings {
    pub fn session_policy(&self) -> crate::domain::accounts::SessionPolicy {
        crate::domain::accounts::SessionPolicy {
            idle: chrono::TimeDelta::minutes(self.session_idle_minutes.into()),
            absolute: chrono::TimeDelta::hours(self.session_absolute_hours.into()),
        }
    }

    pub fn throttle_policy(&self) -> crate::domain::accounts::ThrottlePolicy {
        crate::domain::accounts::ThrottlePolicy {
            window: chrono::TimeDelta::minutes(self.failure_window_minutes.into()),
            slow_down_after: self.slow_down_after.into(),
            delay_ms: self.failure_delay_ms,
            account_lockout_after: self.account_lockout_after.into(),
            address_lockout_after: self.address_lockout_after.into(),
        }
    }
}

impl AccountSettings {
    /// When a one-time password given now stops working.
    pub fn one_time_password_expiry(&self) -> chrono::NaiveDateTime {
        crate::db::now() + chrono::TimeDelta::hours(self.one_time_password_hours.into())
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct AccountSettings {
    pub first_admin_email: String,
    pub one_time_password_hours: u32,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LogSettings {
    pub filter: String,
}

const DEFAULTS: &str = include_str!("../config/default.toml");

impl Settings {
    /// Loads the settings. `file` (or the file named by `IRRITRACK_CONFIG`) must exist when given.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut builder = Config::builder().add_source(File::from_str(DEFAULTS, FileFormat::Toml));
        let named = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("IRRITRACK_CONFIG").map(Into::into));
        if let Some(path) = named {
            if !path.is_file() {
                anyhow::bail!("the configuration file {} does not exist", path.display());
            }
            builder = builder.add_source(File::from(path).required(true));
        }
        builder = builder.add_source(
            Environment::with_prefix("IRRITRACK")
                .prefix_separator("__")
                .separator("__")
                .try_parsing(true),
        );
        if let Ok(url) = std::env::var("DATABASE_URL") {
            builder = builder.set_override("database.url", url)?;
        }
        if let Ok(bind) = std::env::var("IRRITRACK_BIND") {
            builder = builder.set_override("server.bind", bind)?;
        }
        let settings: Settings = builder.build()?.try_deserialize()?;
        let public_url = &settings.server.public_url;
        if !(public_url.is_empty()
            || public_url.starts_with("https://")
            || public_url.starts_with("http://"))
        {
            anyhow::bail!("server.public_url must start with https:// (or http://), or be empty");
        }
        if !(1..=12).contains(&settings.register.fiscal_year_start_month) {
            anyhow::bail!("register.fiscal_year_start_month must be a month, 1 to 12");
        }
        let days = 1..=crate::domain::listing::DAYS_MAX;
        if !days.contains(&settings.register.stale_after_days)
            || !days.contains(&settings.register.due_soon_days)
        {
            anyhow::bail!(
                "register.stale_after_days and register.due_soon_days must be between 1 and {}",
                crate::domain::listing::DAYS_MAX
            );
        }
        if !(1..=20_000).contains(&settings.register.report_irritants_max) {
            anyhow::bail!("register.report_irritants_max must be between 1 and 20000");
        }
        if settings.register.page_size == 0 || settings.register.page_size > 500 {
            anyhow::bail!("register.page_size must be between 1 and 500");
        }
        let security = &settings.security;
        if security.failure_window_minutes == 0 || settings.accounts.one_time_password_hours == 0 {
            anyhow::bail!(
                "security.failure_window_minutes and accounts.one_time_password_hours must be above 0"
            );
        }
        if security.session_idle_minutes == 0 || security.session_absolute_hours == 0 {
            anyhow::bail!(
                "security.session_idle_minutes and session_absolute_hours must be above 0"
            );
        }
        if security.account_lockout_after == 0 || security.address_lockout_after == 0 {
            anyhow::bail!(
                "security.account_lockout_after and address_lockout_after must be above 0"
            );
        }
        check_mail(&settings)?;
        Ok(settings)
    }
}

/// E-mail needs a sender, a server the mail transport can use, and the public address that
/// its links are built on.
fn check_mail(settings: &Settings) -> anyhow::Result<()> {
    if !(1..=365).contains(&settings.notify.escalate_after_days) {
        anyhow::bail!("notify.escalate_after_days must be between 1 and 365");
    }
    let mail = &settings.mail;
    if !mail.enabled() {
        return Ok(());
    }
    if settings.server.public_url.is_empty() {
        anyhow::bail!(
            "mail.smtp_url is set but server.public_url is not: e-mail links are built on it"
        );
    }
    if mail.from.parse::<lettre::message::Mailbox>().is_err() {
        anyhow::bail!(
            "mail.from must be an address, such as \"irritrack <irritrack@example.org>\""
        );
    }
    lettre::SmtpTransport::from_url(mail.smtp_url.trim())
        .map_err(|e| anyhow::anyhow!("mail.smtp_url cannot be used: {e}"))?;
    if mail.poll_interval_ms == 0 || mail.timeout_seconds == 0 {
        anyhow::bail!("mail.poll_interval_ms and mail.timeout_seconds must be above 0");
    }
    if !(1..=3600).contains(&mail.first_retry_seconds) {
        anyhow::bail!("mail.first_retry_seconds must be between 1 and 3600");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_defaults_need_no_file() {
        let settings = Settings::load(None).unwrap();
        assert_eq!(settings.register.page_size, 50);
        assert!(
            settings.database.url.starts_with("sqlite://") || std::env::var("DATABASE_URL").is_ok()
        );
    }
}
