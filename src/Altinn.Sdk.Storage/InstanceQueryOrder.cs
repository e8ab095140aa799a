namespace Altinn.Sdk.Storage;

/// <summary>The order of an instance query's results. Storage sorts only by when an instance last changed.</summary>
public enum InstanceQueryOrder
{
    /// <summary>Most recently changed first (<c>desc:lastChanged</c>); Storage's default, so it is not sent.</summary>
    LastChangedDescending = 0,

    /// <summary>Least recently changed first (<c>order=asc:lastChanged</c>).</summary>
    LastChangedAscending = 1,
}
