using Altinn.Sdk.Testing.Hosting;
using Altinn.Sdk.Testing.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>The app's data model schemas (anonymous, as the app's resource endpoints are).</summary>
internal static class AppSchemas
{
    /// <summary>
    /// <c>GET api/jsonschema/{id}</c>: the JSON schema of a data type's model, as Altinn Studio wrote it to the app's
    /// <c>App/models/{id}.schema.json</c>; 404 when the app has none by that id.
    /// </summary>
    public static async Task JsonSchemaAsync(HttpContext context, EmulatedApp app, EmulatorState state)
    {
        string id = (string)context.GetRouteValue("id")!;
        if (state.FindModelSchema(app.AppId, id) is not { } schema)
        {
            await context.Status(StatusCodes.Status404NotFound);
            return;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(schema, context.RequestAborted);
    }
}
