//! People and departments: the reference data forms offer and changes are attributed to.

use diesel::prelude::*;

use super::schema::{departments, people};
use super::{DbConnection, DbError, DbResult, now, stored};
use crate::domain::ids::PersonId;
use crate::domain::refusal::Refusal;
use crate::domain::{Department, Email, Person, ReferenceData};

#[derive(Queryable)]
struct PersonRow {
    id: String,
    email: String,
    display_name: String,
    department_code: Option<String>,
    active: bool,
}

impl TryFrom<PersonRow> for Person {
    type Error = DbError;

    fn try_from(row: PersonRow) -> DbResult<Self> {
        Ok(Person {
            email: stored(
                "e-mail address",
                format_args!("person {}", row.id),
                &row.email,
                Email::parse,
            )?,
            id: row.id.into(),
            name: row.display_name,
            department: row.department_code,
            active: row.active,
        })
    }
}

/// People by name (those still active first), and departments by code.
pub fn reference_data(conn: &mut DbConnection) -> DbResult<ReferenceData> {
    let people = people::table
        .order((people::active.desc(), people::display_name, people::id))
        .select((
            people::id,
            people::email,
            people::display_name,
            people::department_code,
            people::active,
        ))
        .load::<PersonRow>(conn)?
        .into_iter()
        .map(Person::try_from)
        .collect::<DbResult<Vec<_>>>()?;
    #[derive(Queryable, Selectable)]
    #[diesel(table_name = departments)]
    struct DepartmentRow {
        code: String,
        name_en: String,
        name_fr: String,
        acronym_fr: String,
    }
    let departments = departments::table
        .order(departments::code)
        .select(DepartmentRow::as_select())
        .load(conn)?
        .into_iter()
        .map(|department| Department {
            code: department.code,
            name_en: department.name_en,
            name_fr: department.name_fr,
            acronym_fr: department.acronym_fr,
        })
        .collect();
    Ok(ReferenceData {
        people,
        departments,
    })
}

/// Returns the id of the person with this e-mail address, recording them first if need be.
pub fn ensure_person(
    conn: &mut DbConnection,
    email: &Email,
    name: &str,
    department: Option<&str>,
) -> DbResult<PersonId> {
    let known = people::table
        .filter(people::email.eq(email.as_str()))
        .select(people::id)
        .first::<String>(conn)
        .optional()?;
    if let Some(id) = known {
        return Ok(id.into());
    }
    let id = PersonId::generate();
    diesel::insert_into(people::table)
        .values((
            people::id.eq(id.as_str()),
            people::email.eq(email.as_str()),
            people::display_name.eq(name),
            people::department_code.eq(department),
            people::active.eq(true),
            people::created_at.eq(now()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Adds a department; a code already in use is refused.
pub fn add_department(conn: &mut DbConnection, department: &Department) -> DbResult<()> {
    let taken = departments::table
        .find(&department.code)
        .count()
        .get_result::<i64>(conn)?
        > 0;
    if taken {
        return Err(DbError::Refused(Refusal::DepartmentTaken));
    }
    diesel::insert_into(departments::table)
        .values((
            departments::code.eq(&department.code),
            departments::name_en.eq(&department.name_en),
            departments::name_fr.eq(&department.name_fr),
            departments::acronym_fr.eq(&department.acronym_fr),
        ))
        .execute(conn)?;
    Ok(())
}

/// Renames a department, in either language. Its code stays: irritants and people refer to it.
pub fn rename_department(conn: &mut DbConnection, department: &Department) -> DbResult<()> {
    let updated = diesel::update(departments::table.find(&department.code))
        .set((
            departments::name_en.eq(&department.name_en),
            departments::name_fr.eq(&department.name_fr),
            departments::acronym_fr.eq(&department.acronym_fr),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}
