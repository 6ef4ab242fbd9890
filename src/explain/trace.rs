//! [`Recorder`]: the tracer that keeps every node's value, as a tree of [`Step`]s.

use crate::eval::interp::Tracer;
use crate::eval::plan::Node;
use crate::eval::value::Value;

/// One evaluated node (or one element of a quantifier) and what was evaluated under it.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    pub kind: StepKind<'a>,
    pub value: Value<'a>,
    pub children: Vec<Step<'a>>,
}

#[derive(Debug, Clone)]
pub enum StepKind<'a> {
    Node(&'a Node),
    /// An element of the list (or an entry of the map) a quantifier went through; `value` is
    /// what the element gave (false when its `where` rejected it).
    Element {
        item: Value<'a>,
        key: Option<Value<'a>>,
    },
}

impl<'a> Step<'a> {
    pub fn node(&self) -> Option<&'a Node> {
        match self.kind {
            StepKind::Node(node) => Some(node),
            StepKind::Element { .. } => None,
        }
    }
}

/// Records the steps of an evaluation.
#[derive(Debug, Default)]
pub struct Recorder<'a> {
    stack: Vec<Vec<Step<'a>>>,
    done: Vec<Step<'a>>,
}

impl<'a> Recorder<'a> {
    pub fn new() -> Recorder<'a> {
        Recorder::default()
    }

    /// The top-level steps recorded so far, leaving the recorder empty.
    pub fn take(&mut self) -> Vec<Step<'a>> {
        std::mem::take(&mut self.done)
    }

    fn finish(&mut self, step: Step<'a>) {
        match self.stack.last_mut() {
            Some(parent) => parent.push(step),
            None => self.done.push(step),
        }
    }
}

impl<'a> Tracer<'a> for Recorder<'a> {
    const ON: bool = true;

    fn enter(&mut self) {
        self.stack.push(Vec::new());
    }

    fn exit(&mut self, node: &'a Node, value: Value<'a>) {
        let children = self.stack.pop().unwrap_or_default();
        self.finish(Step {
            kind: StepKind::Node(node),
            value,
            children,
        });
    }

    fn element(&mut self, item: Value<'a>, key: Option<Value<'a>>, result: Value<'a>) {
        let children = self.stack.pop().unwrap_or_default();
        self.finish(Step {
            kind: StepKind::Element { item, key },
            value: result,
            children,
        });
    }
}
