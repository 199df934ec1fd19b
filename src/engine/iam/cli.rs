//! The `aws iam` commands the sandbox's roles need: their AWS CLI v2 names, options and the API
//! fields they fill. Policy documents are JSON text, as with the AWS CLI.

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const ROLE: Opt = Opt::required("--role-name", "RoleName", Kind::Str);
const POLICY_NAME: Opt = Opt::required("--policy-name", "PolicyName", Kind::Str);

/// Every `aws iam` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-role",
        operation: "CreateRole",
        summary: "Creates a role with a trust policy saying who may assume it.",
        opts: &[
            ROLE,
            Opt::required(
                "--assume-role-policy-document",
                "AssumeRolePolicyDocument",
                Kind::Str,
            ),
            Opt::optional("--path", "Path", Kind::Str),
            Opt::optional("--description", "Description", Kind::Str),
        ],
    },
    Command {
        name: "delete-role",
        operation: "DeleteRole",
        summary: "Deletes a role (its inline policies first).",
        opts: &[ROLE],
    },
    Command {
        name: "delete-role-policy",
        operation: "DeleteRolePolicy",
        summary: "Deletes an inline policy of a role.",
        opts: &[ROLE, POLICY_NAME],
    },
    Command {
        name: "get-role",
        operation: "GetRole",
        summary: "Describes a role and its trust policy.",
        opts: &[ROLE],
    },
    Command {
        name: "get-role-policy",
        operation: "GetRolePolicy",
        summary: "Shows an inline policy of a role.",
        opts: &[ROLE, POLICY_NAME],
    },
    Command {
        name: "list-role-policies",
        operation: "ListRolePolicies",
        summary: "Lists the inline policies of a role.",
        opts: &[ROLE],
    },
    Command {
        name: "list-roles",
        operation: "ListRoles",
        summary: "Lists the roles.",
        opts: &[Opt::optional("--path-prefix", "PathPrefix", Kind::Str)],
    },
    Command {
        name: "put-role-policy",
        operation: "PutRolePolicy",
        summary: "Adds or replaces an inline policy of a role.",
        opts: &[
            ROLE,
            POLICY_NAME,
            Opt::required("--policy-document", "PolicyDocument", Kind::Str),
        ],
    },
    Command {
        name: "simulate-principal-policy",
        operation: "SimulatePrincipalPolicy",
        summary: "Says whether a role's policies allow actions on resources.",
        opts: &[
            Opt::required("--policy-source-arn", "PolicySourceArn", Kind::Str),
            Opt::required("--action-names", "ActionNames", Kind::StrList),
            Opt::optional("--resource-arns", "ResourceArns", Kind::StrList),
        ],
    },
    Command {
        name: "update-assume-role-policy",
        operation: "UpdateAssumeRolePolicy",
        summary: "Replaces a role's trust policy.",
        opts: &[
            ROLE,
            Opt::required("--policy-document", "PolicyDocument", Kind::Str),
        ],
    },
];
