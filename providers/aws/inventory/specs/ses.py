"""SES sending identities (domains and addresses): verification, DKIM, custom MAIL FROM.

ListIdentities (SES v1) is the paginated listing; each identity's details and tags come
from SES v2 GetEmailIdentity (the same identities: SES v1 and v2 share them). Sending
authorization policies are not kept.
"""

from __future__ import annotations

from providers.aws.inventory.context import JobContext, guarded
from providers.aws.inventory.spec import Built, Item, ResourceSpec, register


def _identity_arn(item: Item, ctx: JobContext) -> str:
    return ctx.arn("ses", f"identity/{item['_value']}")


def _details(ctx: JobContext, item: Item) -> None:
    name = item["_value"]
    item["_identity"] = guarded(ctx, lambda: ctx.client("sesv2").get_email_identity(EmailIdentity=name), {})
    item["Tags"] = item["_identity"].get("Tags", [])


def _identity_type(item: Item) -> str:
    return str(item.get("_identity", {}).get("IdentityType") or ("EMAIL_ADDRESS" if "@" in item["_value"] else "DOMAIN"))


def _build(item: Item, ctx: JobContext) -> Built:
    identity = item.get("_identity", {})
    dkim, mail_from = identity.get("DkimAttributes") or {}, identity.get("MailFromAttributes") or {}
    return Built(
        props={
            "identity_name": item["_value"],
            "identity_type": _identity_type(item),
            "verification_status": identity.get("VerificationStatus"),
            "verified_for_sending": identity.get("VerifiedForSendingStatus"),
            "dkim_signing_enabled": dkim.get("SigningEnabled"),
            "dkim_status": dkim.get("Status"),
            "dkim_origin": dkim.get("SigningAttributesOrigin"),  # AWS_SES (Easy DKIM) or EXTERNAL (BYODKIM)
            "mail_from_domain": mail_from.get("MailFromDomain"),
            "configuration_set": identity.get("ConfigurationSetName"),
        },
        name=item["_value"],
    )


register(
    ResourceSpec(
        key="aws.ses.identity", service="ses", operation="list_identities", result_path="Identities[]",
        id_field=_identity_arn, build=_build, page_size=1000, detail=_details,
    ),
)
