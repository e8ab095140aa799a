using Microsoft.AspNetCore.Routing.Patterns;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>
/// The App API every emulated app serves at <c>{base}/{org}/{app}/...</c>: instances, data, process, metadata.
/// The endpoints and every known difference from Altinn are listed in <c>docs/apps.md</c>.
/// </summary>
internal static class AppApi
{
    private const string Instance = "{org}/{app}/instances/{p:int}/{g:guid}";

    /// <summary>Maps the endpoints and starts the hourly purge on the emulator's clock.</summary>
    public static void Map(IEndpointRouteBuilder routes, EmulatorContext emulator)
    {
        // Instances
        Authed(routes, emulator, "POST", "{org}/{app}/instances", AppInstances.CreateAsync);
        Authed(routes, emulator, "POST", "{org}/{app}/instances/create", AppInstances.CreateSimplifiedAsync);
        Authed(routes, emulator, "GET", "{org}/{app}/instances/{p:int}/active", AppInstances.ActiveAsync);
        Authed(routes, emulator, "GET", Instance, AppInstances.GetAsync);
        Authed(routes, emulator, "DELETE", Instance, AppInstances.DeleteAsync);
        Authed(routes, emulator, "PUT", Instance + "/substatus", AppInstances.SubstatusAsync);
        Authed(routes, emulator, "POST", Instance + "/complete", AppInstances.CompleteAsync);

        // Process
        Authed(routes, emulator, "GET", Instance + "/process", AppProcess.GetAsync);
        Authed(routes, emulator, "POST", Instance + "/process/start", AppProcess.StartAsync);
        Authed(routes, emulator, "PUT", Instance + "/process/next", AppProcess.NextAsync);
        Authed(routes, emulator, "GET", Instance + "/process/next", AppProcess.NextElementsAsync);
        Authed(routes, emulator, "PUT", Instance + "/process/completeProcess", AppProcess.CompleteProcessAsync);
        Authed(routes, emulator, "GET", Instance + "/process/history", AppProcess.HistoryAsync);

        // Data
        Authed(routes, emulator, "POST", Instance + "/data/type/{dataType}", AppData.CreateAsync);
        Authed(routes, emulator, "POST", Instance + "/data/{dataType}", AppData.CreateAsync);
        Authed(routes, emulator, "POST", Instance + "/data", AppData.CreateLegacyAsync);
        Authed(routes, emulator, "GET", Instance + "/data/{d:guid}", AppData.GetAsync);
        Authed(routes, emulator, "GET", Instance + "/data/{d:guid}/type/{dataType}", AppData.GetAsync);
        Authed(routes, emulator, "PUT", Instance + "/data/{d:guid}", AppData.ReplaceAsync);
        Authed(routes, emulator, "PUT", Instance + "/data/{d:guid}/type/{dataType}", AppData.ReplaceAsync);
        Authed(routes, emulator, "DELETE", Instance + "/data/{d:guid}", AppData.DeleteAsync);

        // Metadata (anonymous)
        Anonymous(routes, emulator, "GET", "{org}/{app}/api/v1/applicationmetadata", AppMetadata.ApplicationMetadataAsync);
        Anonymous(routes, emulator, "GET", "{org}/{app}/api/v1/meta/process", AppMetadata.ProcessDefinitionAsync);
        Anonymous(routes, emulator, "GET", "{org}/{app}/api/v1/texts/{language}", AppMetadata.TextsAsync);
        Anonymous(routes, emulator, "GET", "{org}/{app}/api/jsonschema/{id}", (context, app) => AppSchemas.JsonSchemaAsync(context, app, emulator.State));

        // The 7-day purge runs every emulated hour on the emulator's clock (a fake clock fires it as it advances).
        var timer = emulator.Clock.CreateTimer(_ => AppCleanup.Run(emulator), null, AppCleanup.Interval, AppCleanup.Interval);
        routes.ServiceProvider.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(timer.Dispose);
    }

    /// <summary>The app a request names, looked up case-insensitively (as hosts and routes are).</summary>
    internal static EmulatedApp? FindApp(EmulatorContext emulator, HttpContext context)
    {
        string org = ((string)context.GetRouteValue("org")!).ToLowerInvariant();
        string app = ((string)context.GetRouteValue("app")!).ToLowerInvariant();
        return emulator.State.FindApp(org + "/" + app);
    }

    private static void Authed(IEndpointRouteBuilder routes, EmulatorContext emulator, string method, string pattern, Func<AppCall, Task> handler) =>
        MapRoute(routes, method, pattern, async context =>
        {
            var app = FindApp(emulator, context);
            if (app is null)
            {
                await context.Status(StatusCodes.Status404NotFound);
                return;
            }

            var caller = context.RequireCaller();
            if (caller is null) return;
            try
            {
                await handler(new AppCall(context, emulator, app, caller));
            }
            catch (AppProblem problem) when (!context.Response.HasStarted)
            {
                await problem.WriteAsync(context);
            }
        });

    private static void Anonymous(IEndpointRouteBuilder routes, EmulatorContext emulator, string method, string pattern, Func<HttpContext, EmulatedApp, Task> handler) =>
        MapRoute(routes, method, pattern, async context =>
        {
            var app = FindApp(emulator, context);
            if (app is null)
            {
                await context.Status(StatusCodes.Status404NotFound);
                return;
            }

            try
            {
                await handler(context, app);
            }
            catch (AppProblem problem) when (!context.Response.HasStarted)
            {
                await problem.WriteAsync(context);
            }
        });

    private static void MapRoute(IEndpointRouteBuilder routes, string method, string pattern, RequestDelegate handler)
    {
        // The org segment may not be one of the platform's own first segments, so app routes never swallow them.
        var routePattern = RoutePatternFactory.Parse(pattern, defaults: null, parameterPolicies: new RouteValueDictionary { ["org"] = new AppOrgConstraint() });
        routes.Map(routePattern, handler).WithMetadata(new HttpMethodMetadata([method]));
    }

    /// <summary>Matches an org segment that is not <c>storage</c>, <c>events</c>, <c>authentication</c>, <c>maskinporten</c> or <c>Home</c>.</summary>
    private sealed class AppOrgConstraint : IRouteConstraint
    {
        private static readonly HashSet<string> s_reserved = new(StringComparer.OrdinalIgnoreCase) { "storage", "events", "authentication", "maskinporten", "home" };

        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            values.TryGetValue(routeKey, out object? value) && value is string org && org.Length > 0 && !s_reserved.Contains(org);
    }
}
