use serde::Serialize;

/// Why one input field was refused. `code` names a message in the catalogue (`error-{code}`);
/// `args` fill its placeholders, so the same error reads well in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub code: &'static str,
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(code: &'static str) -> Self {
        Self {
            code,
            args: Vec::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// The problems found in one submitted form or API body, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, FieldError)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &'static str, error: FieldError) -> Self {
        let mut errors = Self::new();
        errors.add(field, error);
        errors
    }

    /// Records an error; a field keeps only its first problem, the one to fix first.
    pub fn add(&mut self, field: &'static str, error: FieldError) {
        if self.get(field).is_none() {
            self.0.push((field, error));
        }
    }

    /// Keeps the value of a successful parse, or records why it failed.
    pub fn check<T>(&mut self, field: &'static str, parsed: Result<T, FieldError>) -> Option<T> {
        parsed.map_err(|error| self.add(field, error)).ok()
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, e)| e)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &FieldError)> {
        self.0.iter().map(|(name, error)| (*name, error))
    }

    /// Merges another set of problems, for forms built from several parts.
    pub fn extend(&mut self, other: FieldErrors) {
        for (field, error) in other.0 {
            self.add(field, error);
        }
    }
}
