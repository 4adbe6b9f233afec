"""Route 53 zones and records, CloudFront distributions and API Gateway REST APIs in templates."""

from __future__ import annotations

from typing import Any

from providers.aws.offline.declared import (
    Attributes,
    CfnPart,
    CfnShape,
    Declared,
    Item,
    Neighbours,
    Props,
    TfShape,
    block,
    flag,
    listed,
    number,
    renamed,
)


def _dotted(name: Any) -> Any:
    return name if not isinstance(name, str) or name.endswith(".") else f"{name}."


def _zone(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    vpcs = listed(props.get("VPCs"))
    return {"Id": f"/hostedzone/{declared.id}", "Name": _dotted(props.get("Name")), "Config": {"PrivateZone": bool(vpcs)},
            "_vpcs": [{"VPCId": vpc.get("VPCId")} for vpc in vpcs]}


def _zone_of(declared: Declared, neighbours: Neighbours) -> str | None:
    """The record's zone: HostedZoneId, or the declared zone with the HostedZoneName."""
    props = declared.props
    if props.get("HostedZoneId"):
        return str(props["HostedZoneId"])
    name = _dotted(props.get("HostedZoneName"))
    found = neighbours.find(name)
    return found.id if found else (str(name) if name else None)


def _record(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    alias = props.get("AliasTarget") or {}
    return {
        "_parent": {"Id": _zone_of(declared, neighbours) or "unknown-zone"},
        # Name and Type are required: a record without them (an invalid template) keeps its logical id as its name.
        "Name": _dotted(str(props.get("Name") or declared.physical_name)),
        "Type": str(props.get("Type") or "unknown"),
        "TTL": number(props.get("TTL")),
        "ResourceRecords": [{"Value": str(value)} for value in listed(props.get("ResourceRecords"))],
        "AliasTarget": {"DNSName": alias.get("DNSName")} if alias else None,
        **{key: props.get(key) for key in ("SetIdentifier", "Weight", "Region", "Failover", "GeoLocation")},
    }


def _distribution(declared: Declared, neighbours: Neighbours) -> Item:
    config = declared.props.get("DistributionConfig") or {}
    origins = [{"Id": origin.get("Id"), "DomainName": origin.get("DomainName"), "OriginPath": origin.get("OriginPath")}
               for origin in listed(config.get("Origins"))]
    return {
        "Origins": {"Items": origins},
        "Aliases": {"Items": listed(config.get("Aliases"))},
        "PriceClass": config.get("PriceClass", "PriceClass_All"),
        "Enabled": flag(config.get("Enabled")),
        "ViewerCertificate": {"ACMCertificateArn": (config.get("ViewerCertificate") or {}).get("AcmCertificateArn")},
        "HttpVersion": config.get("HttpVersion", "http1.1"),
    }


def _path_of(neighbours: Neighbours, api_id: str, resource_id: Any) -> str:
    """A resource's path from its PathPart and parents; the API's own id stands for its root resource."""
    parts: list[str] = []
    current = neighbours.find(resource_id)
    while current is not None and current.type == "AWS::ApiGateway::Resource" and len(parts) < 50:
        parts.append(str(current.props.get("PathPart")))
        current = neighbours.find(current.props.get("ParentId"))
    return "/" + "/".join(reversed(parts))


def _rest_api(declared: Declared, neighbours: Neighbours) -> Item:
    props = declared.props
    resources: dict[str, Item] = {}
    for method in neighbours.parts(declared.id, "methods"):
        path = _path_of(neighbours, declared.id, method.props.get("ResourceId"))
        integration = method.props.get("Integration") or {}
        resources.setdefault(path, {"path": path, "resourceMethods": {}})["resourceMethods"][
            str(method.props.get("HttpMethod"))] = {
            "authorizationType": method.props.get("AuthorizationType", "NONE"),
            "apiKeyRequired": flag(method.props.get("ApiKeyRequired")),
            "methodIntegration": {"uri": integration.get("Uri"), "type": integration.get("Type")},
        }
    stages = [part.props.get("StageName") for part in neighbours.parts(declared.id, "stages") if part.props.get("StageName")]
    return {
        "id": declared.id,
        "endpointConfiguration": {"types": listed((props.get("EndpointConfiguration") or {}).get("Types")) or ["EDGE"]},
        "apiKeySource": props.get("ApiKeySourceType", "HEADER"),
        "binaryMediaTypes": listed(props.get("BinaryMediaTypes")),
        "disableExecuteApiEndpoint": flag(props.get("DisableExecuteApiEndpoint")),
        "policy": props.get("Policy"),
        "_resources": list(resources.values()),
        "_stages": [{"stageName": stage} for stage in dict.fromkeys(stages)],
    }


def _rest_api_id(declared: Declared) -> str:
    return f"arn:{declared.partition}:apigateway:{declared.region}::/restapis/{declared.stack}-{declared.logical_id}"


def _http_api(declared: Declared, neighbours: Neighbours) -> Item:
    """An HTTP or WebSocket API with its routes and their integrations (separate resources, or quick-create Target)."""
    props = declared.props
    integrations = [{"IntegrationId": part.id, "IntegrationType": part.props.get("IntegrationType"),
                     "IntegrationUri": part.props.get("IntegrationUri")} for part in neighbours.parts(declared.id, "integrations")]
    routes = [{"RouteKey": part.props.get("RouteKey"), "AuthorizationType": part.props.get("AuthorizationType", "NONE"),
               "Target": part.props.get("Target")} for part in neighbours.parts(declared.id, "routes")]
    if props.get("Target"):  # quick create: one default route to the target
        integrations.append({"IntegrationId": "quick", "IntegrationType": "AWS_PROXY", "IntegrationUri": props["Target"]})
        routes.append({"RouteKey": props.get("RouteKey", "$default"), "Target": "integrations/quick"})
    return {"ApiId": declared.id, "ProtocolType": props.get("ProtocolType"),
            "RouteSelectionExpression": props.get("RouteSelectionExpression"),
            "DisableExecuteApiEndpoint": flag(props.get("DisableExecuteApiEndpoint")),
            "CorsConfiguration": props.get("CorsConfiguration"), "_integrations": integrations, "_routes": routes,
            "_stages": [{"StageName": part.props.get("StageName")} for part in neighbours.parts(declared.id, "stages")]}


def _http_api_id(declared: Declared) -> str:
    return f"arn:{declared.partition}:apigateway:{declared.region}::/apis/{declared.stack}-{declared.logical_id}"


CLOUDFORMATION: dict[str, CfnShape] = {
    "AWS::ApiGatewayV2::Api": CfnShape("aws.apigatewayv2.api", _http_api, _http_api_id, name_property="Name",
                                       unknown=("api_endpoint",)),
    "AWS::Route53::HostedZone": CfnShape("aws.route53.zone", _zone, tags_property="HostedZoneTags",
                                         unknown=("record_count",)),
    "AWS::Route53::RecordSet": CfnShape("aws.route53.record_set", _record, tags_property="", id_from_spec=True),
    "AWS::CloudFront::Distribution": CfnShape("aws.cloudfront.distribution", _distribution,
                                              unknown=("domain_name", "dns_name", "status")),
    "AWS::ApiGateway::RestApi": CfnShape("aws.apigateway.rest_api", _rest_api, _rest_api_id, name_property="Name"),
}

CLOUDFORMATION_PARTS: dict[str, tuple[CfnPart, ...]] = {
    "AWS::ApiGatewayV2::Integration": (CfnPart("integrations", "ApiId"),),
    "AWS::ApiGatewayV2::Route": (CfnPart("routes", "ApiId"),),
    "AWS::ApiGatewayV2::Stage": (CfnPart("stages", "ApiId"),),
    "AWS::ApiGateway::Method": (CfnPart("methods", "RestApiId"),),
    "AWS::ApiGateway::Deployment": (CfnPart("stages", "RestApiId"),),
    "AWS::ApiGateway::Stage": (CfnPart("stages", "RestApiId"),),
}


# --- Terraform ------------------------------------------------------------------------------------------------------

TF_ROUTING = {"failover_routing_policy": ("Failover", "type"), "latency_routing_policy": ("Region", "region"),
              "weighted_routing_policy": ("Weight", "weight")}


def _tf_record(attributes: Attributes) -> Props:
    alias = block(attributes, "alias")
    props: Props = {"HostedZoneId": attributes.get("zone_id"), "Name": attributes.get("name"), "Type": attributes.get("type"),
                    "TTL": attributes.get("ttl"), "ResourceRecords": listed(attributes.get("records")),
                    "SetIdentifier": attributes.get("set_identifier") or None}
    if alias:
        props["AliasTarget"] = {"DNSName": alias.get("name"), "HostedZoneId": alias.get("zone_id")}
    for block_name, (prop, field) in TF_ROUTING.items():
        if block(attributes, block_name):
            props[prop] = block(attributes, block_name).get(field)
    if block(attributes, "geolocation_routing_policy"):
        props["GeoLocation"] = block(attributes, "geolocation_routing_policy")
    return {key: value for key, value in props.items() if value not in (None, [], "")}


def _tf_distribution(attributes: Attributes) -> Props:
    certificate = block(attributes, "viewer_certificate").get("acm_certificate_arn")
    return {"DistributionConfig": {
        "Origins": [{"Id": origin.get("origin_id"), "DomainName": origin.get("domain_name"),
                     "OriginPath": origin.get("origin_path")} for origin in listed(attributes.get("origin"))],
        "Aliases": listed(attributes.get("aliases")), "PriceClass": attributes.get("price_class"),
        "Enabled": attributes.get("enabled"), "HttpVersion": attributes.get("http_version"),
        "ViewerCertificate": {"AcmCertificateArn": certificate} if certificate else {}}}


TERRAFORM: dict[str, TfShape] = {
    "aws_route53_zone": TfShape("AWS::Route53::HostedZone", renamed({
        "Name": "name", "VPCs": lambda a: [{"VPCId": vpc.get("vpc_id")} for vpc in listed(a.get("vpc"))]}),
        resource_id=lambda a: a.get("zone_id") or a.get("id")),
    "aws_route53_record": TfShape("AWS::Route53::RecordSet", _tf_record, resource_id=lambda a: None,
                                  name=lambda a: f"{a.get('name')} {a.get('type')}"),
    "aws_cloudfront_distribution": TfShape("AWS::CloudFront::Distribution", _tf_distribution,
                                           name=lambda a: a.get("domain_name") or a.get("id")),
    "aws_api_gateway_rest_api": TfShape("AWS::ApiGateway::RestApi", renamed({
        "Name": "name", "ApiKeySourceType": "api_key_source", "BinaryMediaTypes": "binary_media_types",
        "EndpointConfiguration": lambda a: {"Types": listed(block(a, "endpoint_configuration").get("types"))}}),
        resource_id=lambda a: a.get("arn") or f"arn:{{partition}}:apigateway:{{region}}::/restapis/{a.get('id')}"),
}
