//! Who a request acts for, as the authentication middleware found: the extractor handlers take.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest};

use crate::domain::accounts::{Actor, Permission};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::views::Viewer;

/// How a request proved who it is for.
#[derive(Clone)]
pub enum Credential {
    /// A browser session: the digest of its id (the id itself stays in the cookie) and the
    /// token its forms must carry.
    Session {
        digest: String,
        csrf: String,
    },
    ApiToken,
}

/// Never prints the secrets, so that no log line can leak them.
impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Credential::Session { .. } => "Session(..)",
            Credential::ApiToken => "ApiToken",
        })
    }
}

/// The signed-in person a request acts for, and how they signed in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub credential: Credential,
    /// The page asked for, which the language toggle comes back to.
    pub here: String,
    /// The client's network address (see [`client_ip`]).
    pub ip: String,
    /// How many of the person's notifications are unread (for a browser session).
    pub unread: i64,
    /// The saved views the navigation offers them (id, name): their own and those they
    /// follow (for a browser session).
    pub views: Vec<(String, String)>,
}

impl SignedIn {
    /// This person acting today, for the action layer, under the server's settings.
    pub fn acting(&self, state: &crate::routes::AppState) -> crate::actions::Acting {
        crate::actions::Acting {
            today: state.today(),
            mail: state.settings.mail.enabled(),
            actor: self.actor.clone(),
            ip: self.ip.clone(),
        }
    }

    /// Refuses the request unless the person's role holds `permission`.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if self.actor.may(permission) {
            Ok(())
        } else {
            Err(AppError::Forbidden("problem-forbidden"))
        }
    }

    /// The digest of the session's id, for a browser session.
    pub fn session_digest(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { digest, .. } => Some(digest),
            Credential::ApiToken => None,
        }
    }

    /// The token this session's forms must carry; none for an API token.
    pub fn form_token(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { csrf, .. } => Some(csrf),
            Credential::ApiToken => None,
        }
    }

    /// What pages need to know of the person reading them.
    pub fn viewer(&self, locale: Locale) -> Viewer<'_> {
        Viewer {
            locale,
            actor: &self.actor,
            csrf: self.form_token().unwrap_or_default(),
            here: &self.here,
            unread: self.unread,
            views: &self.views,
        }
    }
}

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<SignedIn>()
                .cloned()
                .ok_or(AppError::Unauthorized),
        )
    }
}
