using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace Altinn.Sdk.Apps;

/// <summary>
/// An app's process as its BPMN describes it: the tasks in the order the sequence flows reach them, the gateways with
/// their branches, and the BPMN itself. Read it with <see cref="AppMetadataClient.GetProcessAsync(AltinnRequestOptions?, System.Threading.CancellationToken)"/>.
/// </summary>
public sealed class AppProcessDescription
{
    private static readonly XNamespace BpmnNs = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace AltinnNs = "http://altinn.no/process";

    /// <summary>Creates a process description.</summary>
    /// <param name="tasks">The tasks in order.</param>
    /// <param name="gateways">The gateways.</param>
    /// <param name="bpmn">The BPMN document.</param>
    public AppProcessDescription(IReadOnlyList<AppProcessTask> tasks, IReadOnlyList<AppProcessGateway> gateways, string bpmn)
    {
        Tasks = tasks ?? throw new ArgumentNullException(nameof(tasks));
        Gateways = gateways ?? throw new ArgumentNullException(nameof(gateways));
        Bpmn = bpmn ?? throw new ArgumentNullException(nameof(bpmn));
    }

    /// <summary>The tasks in the order the sequence flows reach them from the start event (tasks no flow reaches come last, in document order).</summary>
    public IReadOnlyList<AppProcessTask> Tasks { get; }

    /// <summary>The gateways (where the process branches), in the order the flows reach them.</summary>
    public IReadOnlyList<AppProcessGateway> Gateways { get; }

    /// <summary>The BPMN document as the app serves it.</summary>
    public string Bpmn { get; }

    /// <summary>Reads a BPMN document in the shape Altinn Studio writes (<c>altinn:taskExtension</c> with <c>altinn:taskType</c> and <c>altinn:actions</c>).</summary>
    /// <param name="bpmn">The BPMN document.</param>
    /// <returns>The process description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bpmn"/> is null.</exception>
    /// <exception cref="FormatException">The document is not XML, has a DTD, or has no BPMN process.</exception>
    public static AppProcessDescription Parse(string bpmn)
    {
        if (bpmn is null) throw new ArgumentNullException(nameof(bpmn));
        XDocument document;
        try
        {
            // No DTD: an app's BPMN never has one, and entities could expand without bound.
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(bpmn), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException("The app's process description is not well-formed XML: " + e.Message, e);
        }

        XElement process = document.Root?.Elements(BpmnNs + "process").FirstOrDefault()
            ?? throw new FormatException("The app's process description has no bpmn:process element.");
        List<XElement> nodes = process.Elements().Where(e => e.Name.Namespace == BpmnNs && e.Attribute("id") is not null).ToList();
        List<XElement> flows = nodes.Where(e => e.Name.LocalName == "sequenceFlow").ToList();

        // Walk the flows from the start events, so that tasks come in the order a user meets them.
        var order = new List<XElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(nodes.Where(e => e.Name.LocalName == "startEvent").Select(e => (string)e.Attribute("id")!));
        while (queue.Count > 0)
        {
            string id = queue.Dequeue();
            if (!seen.Add(id)) continue;
            if (nodes.FirstOrDefault(e => (string?)e.Attribute("id") == id && e.Name.LocalName != "sequenceFlow") is { } node) order.Add(node);
            foreach (XElement flow in flows.Where(f => (string?)f.Attribute("sourceRef") == id)) queue.Enqueue((string?)flow.Attribute("targetRef") ?? "");
        }

        order.AddRange(nodes.Where(e => e.Name.LocalName != "sequenceFlow" && !order.Contains(e)));
        var tasks = order.Where(IsTask).Select(ReadTask).ToList();
        var gateways = order.Where(e => e.Name.LocalName.EndsWith("Gateway", StringComparison.Ordinal))
            .Select(g => new AppProcessGateway(
                (string)g.Attribute("id")!,
                (string?)g.Attribute("name"),
                flows.Where(f => (string?)f.Attribute("sourceRef") == (string)g.Attribute("id")!)
                    .Select(f => new AppProcessBranch((string)f.Attribute("id")!, (string?)f.Attribute("targetRef") ?? "", Trimmed(f.Element(BpmnNs + "conditionExpression")?.Value)))
                    .ToList()))
            .ToList();
        return new AppProcessDescription(tasks, gateways, bpmn);
    }

    private static bool IsTask(XElement e) => e.Name.LocalName == "task" || e.Name.LocalName.EndsWith("Task", StringComparison.Ordinal);

    private static AppProcessTask ReadTask(XElement task)
    {
        XElement? extension = task.Element(BpmnNs + "extensionElements")?.Element(AltinnNs + "taskExtension");
        var actions = extension?.Element(AltinnNs + "actions")?.Elements(AltinnNs + "action").Select(a => a.Value.Trim()).Where(a => a.Length > 0).ToList();
        return new AppProcessTask(
            (string)task.Attribute("id")!,
            (string?)task.Attribute("name"),
            Trimmed(extension?.Element(AltinnNs + "taskType")?.Value),
            actions ?? new List<string>());
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}

/// <summary>A task of an app's process.</summary>
public sealed class AppProcessTask
{
    /// <summary>Creates a task.</summary>
    /// <param name="id">The BPMN element id, for example <c>Task_1</c>.</param>
    /// <param name="name">The task's name, or <see langword="null"/>.</param>
    /// <param name="taskType">The Altinn task type, or <see langword="null"/>.</param>
    /// <param name="actions">The actions a user may take in the task.</param>
    public AppProcessTask(string id, string? name, string? taskType, IReadOnlyList<string> actions)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Name = name;
        TaskType = taskType;
        Actions = actions ?? throw new ArgumentNullException(nameof(actions));
    }

    /// <summary>The BPMN element id, for example <c>Task_1</c>: the instance's <c>process.currentTask.elementId</c>.</summary>
    public string Id { get; }

    /// <summary>The task's name in the BPMN, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>The Altinn task type (<c>data</c>, <c>confirmation</c>, <c>signing</c>, <c>feedback</c>, <c>payment</c>, ...), or <see langword="null"/> when the task has none.</summary>
    public string? TaskType { get; }

    /// <summary>The actions the task declares (<c>altinn:actions</c>, for example <c>confirm</c>, <c>sign</c>, <c>reject</c>); empty when it declares none (a data task is completed with the process's next).</summary>
    public IReadOnlyList<string> Actions { get; }
}

/// <summary>A gateway of an app's process: where it branches.</summary>
public sealed class AppProcessGateway
{
    /// <summary>Creates a gateway.</summary>
    /// <param name="id">The BPMN element id.</param>
    /// <param name="name">The gateway's name, or <see langword="null"/>.</param>
    /// <param name="branches">The outgoing flows.</param>
    public AppProcessGateway(string id, string? name, IReadOnlyList<AppProcessBranch> branches)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Name = name;
        Branches = branches ?? throw new ArgumentNullException(nameof(branches));
    }

    /// <summary>The BPMN element id.</summary>
    public string Id { get; }

    /// <summary>The gateway's name in the BPMN, or <see langword="null"/>.</summary>
    public string? Name { get; }

    /// <summary>The outgoing flows, in document order.</summary>
    public IReadOnlyList<AppProcessBranch> Branches { get; }
}

/// <summary>One branch out of a gateway: a sequence flow and its condition.</summary>
public sealed class AppProcessBranch
{
    /// <summary>Creates a branch.</summary>
    /// <param name="flowId">The sequence flow's id.</param>
    /// <param name="targetId">The element the flow leads to.</param>
    /// <param name="condition">The flow's condition expression, or <see langword="null"/>.</param>
    public AppProcessBranch(string flowId, string targetId, string? condition)
    {
        FlowId = flowId ?? throw new ArgumentNullException(nameof(flowId));
        TargetId = targetId ?? throw new ArgumentNullException(nameof(targetId));
        Condition = condition;
    }

    /// <summary>The sequence flow's id.</summary>
    public string FlowId { get; }

    /// <summary>The id of the element the flow leads to (a task, another gateway or an end event).</summary>
    public string TargetId { get; }

    /// <summary>The flow's condition expression as the BPMN writes it (Altinn's expression JSON), or <see langword="null"/> for an unconditional branch.</summary>
    public string? Condition { get; }
}
