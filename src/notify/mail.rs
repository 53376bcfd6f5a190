//! Notification e-mail as its recipient reads it: in their language, plain text and HTML, with
//! links to the exact place, to their preferences, and to unsubscribe without signing in.

use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use maud::{DOCTYPE, html};

use crate::db::mail::{ClaimedMail, Recipient};
use crate::db::notifications::StoredNotification;
use crate::domain::notification::NotificationKind;
use crate::domain::text::shortened;
use crate::i18n::Locale;
use crate::views::notifications::sentence;

/// A subject is one line, and not a paragraph.
const SUBJECT_CHARS: usize = 150;

/// What every message is made with: the public address its links are built on, its sender,
/// and the key that signs unsubscribe links.
#[derive(Clone)]
pub struct Composer {
    pub public_url: String,
    pub from: Mailbox,
    pub unsubscribe_key: String,
}

/// What an unsubscribe link turns off: e-mail of one kind, or all e-mail (a digest's link).
pub fn unsubscribe_message(person: &str, kind: Option<NotificationKind>) -> String {
    let kind = kind.map_or("all", NotificationKind::code);
    format!("unsubscribe:{person}:{kind}")
}

impl Composer {
    /// The address of the unsubscribe link for `person` and `kind` (all kinds when none).
    pub fn unsubscribe_url(&self, person: &str, kind: Option<NotificationKind>) -> String {
        let signature =
            crate::auth::sign(&self.unsubscribe_key, &unsubscribe_message(person, kind));
        let query = serde_urlencoded::to_string([
            ("person", person),
            ("kind", kind.map_or("all", NotificationKind::code)),
            ("signature", &signature),
        ])
        .unwrap_or_default();
        format!("{}/unsubscribe?{query}", self.base())
    }

    fn base(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }

    /// The message for `mail`: one notification, or a digest of several. Its `Message-ID`
    /// comes from the outbox row, so a message sent again is recognisably the same one.
    pub fn compose(
        &self,
        mail: &ClaimedMail,
        recipient: &Recipient,
        notices: &[StoredNotification],
    ) -> anyhow::Result<Message> {
        let locale = Locale::from_code(&recipient.language).unwrap_or_default();
        let digest = mail.event_key.starts_with("digest:");
        let kind = match notices {
            [only] if !digest => Some(only.kind),
            _ => None,
        };
        let subject = match (kind, notices) {
            (Some(_), [only]) => format!(
                "irritrack: {}",
                shortened(&sentence(locale, &only.text), SUBJECT_CHARS)
            ),
            _ => locale.t_with(
                "mail-digest-subject",
                &[("count", notices.len().to_string())],
            ),
        };
        let unsubscribe = self.unsubscribe_url(&recipient.id, kind);
        let host = self
            .base()
            .split("://")
            .nth(1)
            .unwrap_or("irritrack")
            .split(['/', ':'])
            .next()
            .unwrap_or("irritrack");
        let to = Mailbox::new(
            Some(recipient.display_name.clone()),
            recipient.email.parse()?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(Some(format!("<{}@{host}>", mail.id)))
            .header(ListUnsubscribe(format!("<{unsubscribe}>")))
            .header(ListUnsubscribePost)
            .multipart(MultiPart::alternative_plain_html(
                self.text(locale, recipient, notices, &unsubscribe),
                self.html(locale, recipient, notices, &unsubscribe),
            ))?;
        Ok(message)
    }

    fn text(
        &self,
        locale: Locale,
        recipient: &Recipient,
        notices: &[StoredNotification],
        unsubscribe: &str,
    ) -> String {
        let mut text = locale.t_with("mail-greeting", &[("name", recipient.display_name.clone())]);
        text.push_str("\n\n");
        for notice in notices {
            text.push_str(&format!(
                "- {}\n  {}{}\n\n",
                sentence(locale, &notice.text),
                self.base(),
                notice.link
            ));
        }
        text.push_str(&format!(
            "-- \n{}\n{}/account/notifications\n{}\n{unsubscribe}\n",
            locale.t("mail-preferences"),
            self.base(),
            locale.t("mail-unsubscribe"),
        ));
        text
    }

    fn html(
        &self,
        locale: Locale,
        recipient: &Recipient,
        notices: &[StoredNotification],
        unsubscribe: &str,
    ) -> String {
        let base = self.base();
        html! {
            (DOCTYPE)
            html lang=(locale.code()) {
                head { meta charset="utf-8"; title { "irritrack" } }
                body {
                    p { (locale.t_with("mail-greeting", &[("name", recipient.display_name.clone())])) }
                    ul {
                        @for notice in notices {
                            li { a href={ (base) (notice.link) } { (sentence(locale, &notice.text)) } }
                        }
                    }
                    hr;
                    p {
                        a href={ (base) "/account/notifications" } { (locale.t("mail-preferences")) }
                        " · "
                        a href=(unsubscribe) { (locale.t("mail-unsubscribe")) }
                    }
                }
            }
        }
        .into_string()
    }
}

/// `List-Unsubscribe`: where a mail program sends the reader who asks to stop (RFC 2369).
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post`: the link works with one POST, no page to read (RFC 8058).
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
