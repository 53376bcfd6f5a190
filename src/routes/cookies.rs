//! The cookies irritrack sets: the session's, and the sign-in form's own.

use actix_web::cookie::{Cookie, SameSite};

use crate::config::SecuritySettings;

/// The session cookie's name. With `Secure`, the `__Host-` prefix also makes browsers refuse a
/// cookie of that name set by another subdomain or over plain HTTP.
pub fn session_cookie_name(security: &SecuritySettings) -> &'static str {
    if security.secure_cookies {
        "__Host-irritrack-session"
    } else {
        "irritrack-session"
    }
}

/// The cookie that protects the sign-in form itself from cross-site submission, before there
/// is a session to hold a form token.
pub fn sign_in_cookie_name(security: &SecuritySettings) -> &'static str {
    if security.secure_cookies {
        "__Host-irritrack-sign-in"
    } else {
        "irritrack-sign-in"
    }
}

/// A cookie only this application's pages can read or send.
pub fn private_cookie<'c>(name: &'c str, value: String, security: &SecuritySettings) -> Cookie<'c> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .secure(security.secure_cookies)
        .same_site(SameSite::Lax)
        .finish()
}

/// Clears a cookie set by `private_cookie`.
pub fn expired_cookie<'c>(name: &'c str, security: &SecuritySettings) -> Cookie<'c> {
    let mut cookie = private_cookie(name, String::new(), security);
    cookie.make_removal();
    cookie
}
