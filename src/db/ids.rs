//! The record ids of the domain in queries: each is stored as text, and compared or written
//! as the text it holds.

use diesel::expression::AsExpression;
use diesel::sql_types::{Nullable, Text};

use crate::domain::ids::{IrritantId, MilestoneId, PersonId, ReportId, SourceId, TokenId};

macro_rules! stored_as_text {
    ($($id:ty),*) => {$(
        impl<'a> AsExpression<Text> for &'a $id {
            type Expression = <&'a str as AsExpression<Text>>::Expression;

            fn as_expression(self) -> Self::Expression {
                <&'a str as AsExpression<Text>>::as_expression(self.as_str())
            }
        }

        impl<'a> AsExpression<Nullable<Text>> for &'a $id {
            type Expression = <&'a str as AsExpression<Nullable<Text>>>::Expression;

            fn as_expression(self) -> Self::Expression {
                <&'a str as AsExpression<Nullable<Text>>>::as_expression(self.as_str())
            }
        }
    )*};
}

stored_as_text!(
    IrritantId,
    MilestoneId,
    PersonId,
    ReportId,
    SourceId,
    TokenId
);
