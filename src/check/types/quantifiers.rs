//! Quantifiers over lists and maps: `any`, `all`, `no`, `count`, `sum`, `max`, `min`, `first`,
//! and `each` (which builds a list, after `listing` only).

use super::*;

impl Typer<'_> {
    pub(super) fn quantifier(
        &mut self,
        q: &ast::Quantifier,
        frame: &mut Frame,
        span: Span,
    ) -> CExpr {
        // Only the quantifier right after `listing` may be an `each`.
        let listing = std::mem::replace(&mut self.listing, false);
        let collection = self.expr(&q.collection, frame, None);
        let depth = frame.depth();
        let (item, value) = match (&q.binding, collection.ty.clone()) {
            (Binding::One(name), Type::List(element)) => (frame.bind(&name.text, *element), None),
            (Binding::Pair(key, value), Type::Map(value_ty)) => {
                let key_id = frame.bind(&key.text, Type::Text);
                (key_id, Some(frame.bind(&value.text, *value_ty)))
            }
            (Binding::One(name), Type::Map(_)) => {
                let keyword = q.kind.keyword();
                let problem = Problem::error(
                    "check::map_binding",
                    bi!(
                        "kuantor atas map mengikat kunci dan nilai",
                        "a quantifier over a map binds a key and a value"
                    ),
                )
                .at(name.span, bi!("hanya satu nama", "only one name"))
                .help(bi!(
                    "tulis `{keyword} (nama, nilai) in ...`",
                    "write `{keyword} (name, value) in ...`"
                ));
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
            (Binding::Pair(key, _), Type::List(_)) => {
                let problem = Problem::error(
                    "check::map_binding",
                    bi!(
                        "kuantor atas daftar mengikat satu nama",
                        "a quantifier over a list binds one name"
                    ),
                )
                .at(
                    key.span,
                    bi!("dua nama untuk satu unsur", "two names for one element"),
                );
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
            (_, Type::Error) => return Typer::error_expr(span),
            (_, other) => {
                let (ty_id, ty_en) = self.describe_both(&other);
                let keyword = q.kind.keyword();
                let problem = Problem::error(
                    "check::not_a_collection",
                    bi!(
                        "`{keyword}` memerlukan daftar atau map, bukan {ty_id}",
                        "`{keyword}` needs a list or map, not {ty_en}"
                    ),
                )
                .at(collection.span, bi!("bertipe {ty_id}", "this is {ty_en}"));
                self.report(frame, problem);
                return Typer::error_expr(span);
            }
        };
        let filter = q
            .filter
            .as_ref()
            .map(|f| self.boolean(f, frame, bi!("syarat `where`", "condition of `where`")));
        let body = q.body.as_ref().map(|b| self.expr(b, frame, None));
        frame.truncate(depth);
        let ty = self.quantifier_type(q, body.as_ref(), frame, span, listing);
        let quantifier = Quantifier {
            kind: q.kind,
            item,
            value,
            collection,
            filter,
            body,
        };
        Typer::make(ExprKind::Quantifier(Box::new(quantifier)), ty, span)
    }

    pub(super) fn quantifier_type(
        &mut self,
        q: &ast::Quantifier,
        body: Option<&CExpr>,
        frame: &Frame,
        span: Span,
        listing: bool,
    ) -> Type {
        let keyword = q.kind.keyword();
        match (q.kind, body) {
            (QuantifierKind::Count, None) => Type::Int,
            (QuantifierKind::Count, Some(body)) => {
                let problem = Problem::error(
                    "check::quantifier_body",
                    bi!(
                        "`count` menghitung unsur yang memenuhi `where`; ia tidak memiliki `:`",
                        "`count` counts the elements that satisfy `where`; it takes no `:`"
                    ),
                )
                .at(body.span, bi!("tidak diharapkan", "not expected"))
                .help(bi!(
                    "tulis `count x in L where syarat`",
                    "write `count x in L where condition`"
                ));
                self.report(frame, problem);
                Type::Error
            }
            (_, None) => {
                let problem = Problem::error(
                    "check::quantifier_body",
                    bi!(
                        "`{keyword}` memerlukan `: ...` setelah daftar",
                        "`{keyword}` needs `: ...` after the list"
                    ),
                )
                .at(q.kind_span, bi!("tanpa `:`", "no `:`"))
                .help(bi!(
                    "mis. `{keyword} x in daftar: x.field ...`",
                    "e.g. `{keyword} x in list: x.field ...`"
                ));
                self.report(frame, problem);
                let _ = span;
                Type::Error
            }
            (QuantifierKind::Any | QuantifierKind::All | QuantifierKind::No, Some(body)) => {
                self.expect(
                    frame,
                    body,
                    &Type::Bool,
                    bi!("isi `{keyword}`", "body of `{keyword}`"),
                );
                Type::Bool
            }
            (QuantifierKind::Sum, Some(body)) => {
                if !matches!(body.ty, Type::Int | Type::Days | Type::Months | Type::Error) {
                    self.expect(frame, body, &Type::Int, bi!("isi `sum`", "body of `sum`"));
                    return Type::Error;
                }
                body.ty.clone()
            }
            (QuantifierKind::Max | QuantifierKind::Min, Some(body)) => {
                let ordered = match &body.ty {
                    Type::Int | Type::Days | Type::Months | Type::Date | Type::Error => true,
                    Type::Enum(id) => self.schema.enum_type(*id).is_some_and(|e| e.ordered),
                    _ => false,
                };
                if !ordered {
                    let (ty_id, ty_en) = self.describe_both(&body.ty);
                    let problem = Problem::error(
                        "check::not_ordered",
                        bi!(
                            "`{keyword}` memerlukan nilai berurutan, bukan {ty_id}",
                            "`{keyword}` needs ordered values, not {ty_en}"
                        ),
                    )
                    .at(body.span, bi!("bertipe {ty_id}", "this is {ty_en}"));
                    self.report(frame, problem);
                    return Type::Error;
                }
                body.ty.clone()
            }
            (QuantifierKind::First, Some(body)) => body.ty.clone(),
            (QuantifierKind::Each, Some(body)) => {
                if !listing {
                    let problem = Problem::error(
                        "check::each_outside_listing",
                        bi!(
                            "`each` membangun daftar dan hanya dipakai setelah `listing`",
                            "`each` builds a list and is only used after `listing`"
                        ),
                    )
                    .at(q.kind_span, bi!("di luar `listing`", "outside `listing`"))
                    .help(bi!(
                        "untuk menguji daftar pakai `any`, `all` atau `count`",
                        "to test a list use `any`, `all` or `count`"
                    ));
                    self.report(frame, problem);
                    return Type::Error;
                }
                Type::List(Box::new(body.ty.clone()))
            }
        }
    }
}
