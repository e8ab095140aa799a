using System.Security;

namespace Altinn.Sdk.Testing.Apps;

/// <summary>The anonymous metadata endpoints of the App API (M1, M2, M4).</summary>
internal static class AppMetadata
{
    /// <summary>M1: <c>GET api/v1/applicationmetadata?checkOrgApp=</c>.</summary>
    public static Task ApplicationMetadataAsync(HttpContext context, EmulatedApp app)
    {
        string requested = $"{context.GetRouteValue("org")}/{context.GetRouteValue("app")}";
        bool check = !string.Equals(context.Request.Query["checkOrgApp"], "false", StringComparison.OrdinalIgnoreCase);
        if (check && !string.Equals(requested, app.Metadata.Id, StringComparison.Ordinal))
        {
            return context.Text(StatusCodes.Status409Conflict, $"Requested app {requested} does not match the application metadata id {app.Metadata.Id}.");
        }

        context.Response.Headers.CacheControl = "public,max-age=60";
        return context.AppJson(app.Metadata);
    }

    /// <summary>
    /// M2: <c>GET api/v1/meta/process</c>: a BPMN document of the emulated process (start, the tasks in order, end) in
    /// the shape Altinn Studio writes: each task's <c>altinn:taskExtension</c> holds its <c>altinn:taskType</c> and the
    /// <c>altinn:actions</c> Studio adds for that type.
    /// </summary>
    public static async Task ProcessDefinitionAsync(HttpContext context, EmulatedApp app)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:altinn=\"http://altinn.no/process\" id=\"Altinn_SingleDataTask_Process_Definition\" targetNamespace=\"http://bpmn.io/schema/bpmn\">\n")
            .Append("  <bpmn:process id=\"SingleDataTask\" isExecutable=\"false\">\n")
            .Append(CultureInfo.InvariantCulture, $"    <bpmn:startEvent id=\"{AppProcess.StartEvent}\"><bpmn:outgoing>Flow_0</bpmn:outgoing></bpmn:startEvent>\n");
        for (int i = 0; i < app.Tasks.Count; i++)
        {
            var task = app.Tasks[i];
            string id = SecurityElement.Escape(task.Id);
            xml.Append(CultureInfo.InvariantCulture, $"    <bpmn:task id=\"{id}\" name=\"{id}\">\n      <bpmn:incoming>Flow_{i}</bpmn:incoming>\n      <bpmn:outgoing>Flow_{i + 1}</bpmn:outgoing>\n")
                .Append("      <bpmn:extensionElements>\n        <altinn:taskExtension>\n")
                .Append(CultureInfo.InvariantCulture, $"          <altinn:taskType>{SecurityElement.Escape(task.Type)}</altinn:taskType>\n");
            string[] actions = ActionsOf(task.Type);
            if (actions.Length > 0)
            {
                xml.Append("          <altinn:actions>\n");
                foreach (string action in actions) xml.Append(CultureInfo.InvariantCulture, $"            <altinn:action>{action}</altinn:action>\n");
                xml.Append("          </altinn:actions>\n");
            }

            xml.Append("        </altinn:taskExtension>\n      </bpmn:extensionElements>\n    </bpmn:task>\n");
        }

        xml.Append(CultureInfo.InvariantCulture, $"    <bpmn:endEvent id=\"{AppProcess.EndEvent}\"><bpmn:incoming>Flow_{app.Tasks.Count}</bpmn:incoming></bpmn:endEvent>\n");
        for (int i = 0; i <= app.Tasks.Count; i++)
        {
            string source = i == 0 ? AppProcess.StartEvent : SecurityElement.Escape(app.Tasks[i - 1].Id);
            string target = i == app.Tasks.Count ? AppProcess.EndEvent : SecurityElement.Escape(app.Tasks[i].Id);
            xml.Append(CultureInfo.InvariantCulture, $"    <bpmn:sequenceFlow id=\"Flow_{i}\" sourceRef=\"{source}\" targetRef=\"{target}\" />\n");
        }

        xml.Append("  </bpmn:process>\n</bpmn:definitions>\n");
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(xml.ToString(), context.RequestAborted);
    }

    // The actions Studio declares when it adds a task of this type (a data task declares none: it is left with next).
    private static string[] ActionsOf(string taskType) => taskType switch
    {
        "confirmation" => ["confirm"],
        "signing" => ["sign", "reject"],
        "payment" => ["pay", "reject"],
        _ => [],
    };

    /// <summary>M4: <c>GET api/v1/texts/{language}</c>: the texts in that language, else in <c>nb</c>, else 404 (400 for a bad language).</summary>
    public static Task TextsAsync(HttpContext context, EmulatedApp app)
    {
        string language = (string)context.GetRouteValue("language")!;
        if (language.Length != 2) return context.Text(StatusCodes.Status400BadRequest, "Provided language must be a two-letter ISO code.");
        return app.Texts.TryGetValue(language.ToLowerInvariant(), out Altinn.Sdk.Models.TextResource? texts) || app.Texts.TryGetValue("nb", out texts)
            ? context.AppJson(texts)
            : context.Status(StatusCodes.Status404NotFound);
    }
}
