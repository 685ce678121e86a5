using System.ComponentModel;
using System.Globalization;

namespace WeatherCampaign.Core.Alerts;

/// <summary>Lets settings name a <see cref="FeedFormat"/> with hyphens (<c>atom-index</c>) as well as by its name (<c>AtomIndex</c>).</summary>
internal sealed class FeedFormatConverter() : EnumConverter(typeof(FeedFormat))
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        base.ConvertFrom(context, culture, value is string text ? text.Replace("-", "", StringComparison.Ordinal) : value);
}
