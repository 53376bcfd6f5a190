//! irritrack: a register of trade irritants, from the leaders' directive to resolution.

pub mod actions;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod export;
pub mod formats;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod notify;
pub mod routes;
pub mod startup;
pub mod views;
