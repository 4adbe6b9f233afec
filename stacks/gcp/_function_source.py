"""A placeholder source archive per Cloud Run functions runtime family: an HTTP function under the item's entry point
that answers 501 "replace me", so that the function builds and deploys before the real code is ported.

Files per family as the Functions Framework of each language expects them (Cloud Run functions "Specify
dependencies" and "Write HTTP functions" pages): Python main.py + requirements.txt, Node.js index.js +
package.json, Ruby app.rb + Gemfile, Java a class under src/main/java + pom.xml, .NET a class + .csproj.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pulumi

REPLACE_ME = "replace me: placeholder deployed by the generated stack; port the Lambda code and redeploy"

PYTHON_MAIN = '''import functions_framework


@functions_framework.http
def {entry}(request):
    return ("{message}", 501)
'''
NODE_INDEX = '''const functions = require("@google-cloud/functions-framework");

functions.http("{entry}", (req, res) => {{
  res.status(501).send("{message}");
}});
'''
RUBY_APP = '''require "functions_framework"

FunctionsFramework.http "{entry}" do |_request|
  [501, {{}}, ["{message}"]]
end
'''
JAVA_CLASS = '''{package_line}import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

public class {cls} implements HttpFunction {{
  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {{
    response.setStatusCode(501);
    response.getWriter().write("{message}");
  }}
}}
'''
JAVA_POM = '''<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>placeholder</groupId>
  <artifactId>placeholder</artifactId>
  <version>1.0</version>
  <properties><maven.compiler.release>17</maven.compiler.release></properties>
  <dependencies>
    <dependency>
      <groupId>com.google.cloud.functions</groupId>
      <artifactId>functions-framework-api</artifactId>
      <version>1.1.0</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>
</project>
'''
DOTNET_CLASS = '''using Google.Cloud.Functions.Framework;
using Microsoft.AspNetCore.Http;
using System.Threading.Tasks;

namespace {namespace};

public class {cls} : IHttpFunction
{{
    public async Task HandleAsync(HttpContext context)
    {{
        context.Response.StatusCode = 501;
        await context.Response.WriteAsync("{message}");
    }}
}}
'''
DOTNET_PROJECT = '''<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Google.Cloud.Functions.Hosting" Version="2.2.1" /></ItemGroup>
</Project>
'''


def _python(entry: str) -> dict[str, str]:
    return {"main.py": PYTHON_MAIN.format(entry=entry, message=REPLACE_ME), "requirements.txt": "functions-framework==3.*\n"}


def _nodejs(entry: str) -> dict[str, str]:
    package = {"name": "placeholder", "version": "0.0.1", "main": "index.js",
               "dependencies": {"@google-cloud/functions-framework": "^3.0.0"}}
    return {"index.js": NODE_INDEX.format(entry=entry, message=REPLACE_ME), "package.json": json.dumps(package, indent=2)}


def _ruby(entry: str) -> dict[str, str]:
    gemfile = 'source "https://rubygems.org"\n\ngem "functions_framework", "~> 1.0"\n'
    return {"app.rb": RUBY_APP.format(entry=entry, message=REPLACE_ME), "Gemfile": gemfile}


def _split_class(entry: str, default_namespace: str) -> tuple[str, str]:
    namespace, _, cls = entry.rpartition(".")
    return namespace or default_namespace, cls or "Function"


def _java(entry: str) -> dict[str, str]:
    package, cls = _split_class(entry, "")
    package_line = f"package {package};\n\n" if package else ""
    path = "/".join(["src/main/java", *package.split(".")]) if package else "src/main/java"
    return {f"{path}/{cls}.java": JAVA_CLASS.format(package_line=package_line, cls=cls, message=REPLACE_ME),
            "pom.xml": JAVA_POM}


def _dotnet(entry: str) -> dict[str, str]:
    namespace, cls = _split_class(entry, "Placeholder")
    return {f"{cls}.cs": DOTNET_CLASS.format(namespace=namespace, cls=cls, message=REPLACE_ME),
            "Placeholder.csproj": DOTNET_PROJECT}


# Runtime family (the runtime id without its version: python312 -> python) -> the placeholder's files.
PLACEHOLDER_FILES: dict[str, Callable[[str], dict[str, str]]] = {
    "python": _python, "nodejs": _nodejs, "ruby": _ruby, "java": _java, "dotnet": _dotnet,
}


def runtime_family(runtime: str) -> str:
    return re.sub(r"\d+$", "", runtime)


def placeholder_files(runtime: str, entry_point: str) -> dict[str, str]:
    """The placeholder's files for a Cloud Run functions runtime id (KeyError for a family the table lacks)."""
    return PLACEHOLDER_FILES[runtime_family(runtime)](entry_point)


def placeholder_archive(runtime: str, entry_point: str) -> pulumi.AssetArchive:
    files = placeholder_files(runtime, entry_point)
    return pulumi.AssetArchive({path: pulumi.StringAsset(text) for path, text in sorted(files.items())})
